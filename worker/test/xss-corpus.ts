// Script-injection payloads written for Liuyan: what an attacker would type into a title, a reply, a
// unit's name or a site's settings hoping a page renders it as markup. Each one, if it ever ran, would
// set `window.__xss` or open a dialog (alert/confirm/prompt), which the browser tests watch for; the
// service must store and answer each as the text it is (or refuse it with a field error where the field
// has a format), and every page must show it as text.
//
// Used by the worker tests (worker/src/routes/xss.test.ts) and the browser tests (e2e/xss.test.ts).

/** A family of payloads, for the names of failing cases. */
export type XssKind =
  | 'script' | 'event-handler' | 'filter-evasion' | 'scheme-link' | 'svg-mathml' | 'entity-encoded' | 'mutation'
  | 'attribute-breakout' | 'css' | 'unicode-escape' | 'bidi' | 'template' | 'markdown' | 'misc';

export interface XssPayload {
  kind: XssKind;
  /** The text as typed: never with white space at either end (fields are trimmed, and that is no injection). */
  text: string;
}

/** The global the payloads try to set: defined in a page means a payload ran. */
export const XSS_MARKER = '__xss';

const corpus: Record<XssKind, string[]> = {
  script: [
    '<script>window.__xss=1</script>',
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//127.0.0.1:1/x.js></SCRIPT>',
    '<script src=data:,window.__xss=1></script>',
    '<script>/*</script><script>*/window.__xss=1</script>',
    '路灯坏了<script>window.__xss=1</script>请修理',
    '<script type="module">window.__xss=1</script>',
    '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  ],
  'event-handler': [
    '<img src=x onerror=window.__xss=1>',
    '<img src=x onerror="alert(1)">',
    '<svg onload=window.__xss=1>',
    '<body onload=window.__xss=1>',
    '<input autofocus onfocus=window.__xss=1>',
    '<details open ontoggle=window.__xss=1>',
    '<video><source onerror=window.__xss=1></video>',
    '<audio src=x onerror=alert(1)>',
    '<marquee onstart=window.__xss=1>滚动</marquee>',
    '<select autofocus onfocus=window.__xss=1>',
    '<iframe onload=window.__xss=1></iframe>',
    '<div onpointerover=window.__xss=1>悬停</div>',
    '<a onmouseover=alert(1)>看这里</a>',
    '<img src=x:x onerror=window.__xss=1 alt=图片>',
    '<object data=x onerror=window.__xss=1>',
    '<style onload=window.__xss=1></style>',
  ],
  'filter-evasion': [
    '<ImG sRc=x OnErRoR=window.__xss=1>',
    '<img/src=x/onerror=window.__xss=1>',
    '<img src=`x`onerror=window.__xss=1>',
    '<img src=x onerror=window.__xss=1//',
    '<img """><script>window.__xss=1</script>">',
    '<<script>window.__xss=1//<</script>',
    '<img src=x onerror=&#119;indow.__xss=1>',
    '<svg/onload=window.__xss=1>',
    '<img src=x onerror=window["__x"+"ss"]=1>',
    '<img src=x onerror=eval(atob("d2luZG93Ll9feHNzPTE="))>',
    '<img src=x onerror=\'top["al"+"ert"](1)\'>',
    '<img\tsrc=x\tonerror=window.__xss=1>',
    '<img\nsrc=x\nonerror=window.__xss=1>',
    '<a href="java\tscript:window.__xss=1">链接</a>',
    '<a href="java\nscript:alert(1)">链接</a>',
    '<img src=x onerror=window.__xss=1 <b>',
    '<iframe/src="javascript:window.__xss=1">',
  ],
  'scheme-link': [
    'javascript:window.__xss=1',
    'JaVaScRiPt:alert(1)',
    '<a href="javascript:window.__xss=1">点我查看回复</a>',
    '<a href="JAVASCRIPT:alert(1)">点我</a>',
    '<a href="&#106;avascript:window.__xss=1">点我</a>',
    '<a href="&#x6A;&#x61;vascript:alert(1)">点我</a>',
    '<a href="java&#x09;script:window.__xss=1">点我</a>',
    '<a href="javascript&colon;window.__xss=1">点我</a>',
    '<a href=" javascript:window.__xss=1">点我</a>',
    '<a href="data:text/html,<script>alert(1)</script>">点我</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>',
    '<a href="vbscript:msgbox(1)">点我</a>',
    'VbScRiPt:MsgBox(1)',
    'data:text/html,<script>window.__xss=1</script>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<form action="javascript:window.__xss=1"><button>提交</button></form>',
    '<button formaction="javascript:window.__xss=1">提交</button>',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
  ],
  'svg-mathml': [
    '<svg><script>window.__xss=1</script></svg>',
    '<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>',
    '<svg><a xlink:href="javascript:window.__xss=1"><text y=20>点</text></a></svg>',
    '<svg><set attributeName=onmouseover to=alert(1)>',
    '<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/>',
    '<math><mtext><img src=x onerror=window.__xss=1></mtext></math>',
    '<math href="javascript:window.__xss=1">点我</math>',
    '<math><maction actiontype=statusline xlink:href=javascript:alert(1)>点</maction></math>',
    '<svg><animate attributeName=href values=javascript:alert(1) /><a><text>点</text></a></svg>',
  ],
  'entity-encoded': [
    '&lt;script&gt;window.__xss=1&lt;/script&gt;',
    '&#60;img src=x onerror=window.__xss=1&#62;',
    '&#x3C;svg onload=alert(1)&#x3E;',
    '&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;',
    '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
    '%253Cimg%2520src%253Dx%2520onerror%253Dalert(1)%253E',
    '\\x3cscript\\x3ewindow.__xss=1\\x3c/script\\x3e',
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    '+ADw-script+AD4-alert(1)+ADw-/script+AD4-',
  ],
  mutation: [
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    '<svg></p><style><a id="</style><img src=1 onerror=window.__xss=1>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
    '<template><img src=x onerror=window.__xss=1></template>',
    '<!--><img src=x onerror=window.__xss=1>-->',
    '<!-- --!><img src=x onerror=window.__xss=1> -->',
    '<![CDATA[><img src=x onerror=window.__xss=1>]]>',
    '<xmp><p title="</xmp><img src=x onerror=window.__xss=1>">',
    '<title><a title="</title><img src=x onerror=alert(1)>">',
    '<iframe srcdoc="&lt;img src=x onerror=window.parent.__xss=1&gt;"></iframe>',
    '<svg><style><img src=x onerror=window.__xss=1></style></svg>',
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<select><template><img src=x onerror=window.__xss=1></template></select>',
  ],
  'attribute-breakout': [
    '" onmouseover="window.__xss=1',
    '\' onfocus=\'window.__xss=1\' autofocus=\'',
    '"><script>window.__xss=1</script>',
    '\'><svg onload=window.__xss=1>',
    '" autofocus onfocus=alert(1) x="',
    '` onclick=window.__xss=1 `',
    '"/><img src=x onerror=window.__xss=1>',
    '</title><script>window.__xss=1</script>',
    '</textarea><script>window.__xss=1</script>',
    '</style><script>alert(1)</script>',
    '</script><script>window.__xss=1</script>',
    '" style="position:fixed;inset:0" onmousemove="window.__xss=1',
    '"><iframe src=javascript:window.__xss=1>',
    '\');window.__xss=1;//',
  ],
  css: [
    '<div style="width:expression(window.__xss=1)">宽度</div>',
    '<div style="background:url(javascript:window.__xss=1)">背景</div>',
    '<style>@import "javascript:window.__xss=1";</style>',
    '<style>body{-moz-binding:url(//127.0.0.1:1/x.xml#xss)}</style>',
    '<link rel=stylesheet href="javascript:window.__xss=1">',
    '<div style="behavior:url(#default#time2)" onbegin="window.__xss=1">',
    '<style>*{background:url("javascript:alert(1)")}</style>',
    '</style><img src=x onerror=window.__xss=1>',
    'a{}</style><script>window.__xss=1</script>',
  ],
  'unicode-escape': [
    '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
    '<img src=x onerror=\\u0061lert(1)>',
    '<img src=x onerror=\\u{61}lert(1)>',
    '＜script＞window.__xss=1＜/script＞',
    '＜img src=x onerror=alert(1)＞',
    '＂ onmouseover＝window.__xss=1',
    '‹script›window.__xss=1‹/script›',
    '<ſcript>window.__xss=1</ſcript>',
    '<ıframe src=javascript:alert(1)>',
    '\\74script\\76window.__xss=1\\74/script\\76',
  ],
  bidi: [
    '\u202e>tpircs/<1=ssx__.wodniw>tpircs<',
    '路灯坏了\u2067<img src=x onerror=window.__xss=1>\u2069',
    '\u200f<script>window.__xss=1</script>',
    'مرحبا<img src=x onerror=window.__xss=1>שלום',
    '\u202d<a href="javascript:alert(1)">点我</a>\u202c',
  ],
  template: [
    '${window.__xss=1}',
    '`${alert(1)}`',
    '{{constructor.constructor(\'window.__xss=1\')()}}',
    '{{$on.constructor(\'alert(1)\')()}}',
    '{{7*7}} ${7*7} #{7*7} <%= 7*7 %>',
    '[[${window.__xss=1}]]',
    '<%= window.__xss=1 %>',
    '<!--?lit$123456789$--><img src=x onerror=window.__xss=1>',
    '{{#with "s" as |string|}}{{string.sub.apply 0 "alert(1)"}}{{/with}}',
    '<!--#exec cmd="alert(1)"-->',
    '{{__proto__.polluted}} constructor prototype __proto__',
  ],
  markdown: [
    '[点我查看](javascript:window.__xss=1)',
    '![图片](javascript:alert(1))',
    '[点我](JaVaScRiPt:window.__xss=1)',
    '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:window.__xss=1>',
    '[点我]: javascript:window.__xss=1',
    '[点我](javascript&#58;window.__xss=1)',
    '[a](<javascript:alert(1)>)',
    '![x](x"onerror="window.__xss=1)',
  ],
  misc: [
    '<base href="javascript:/a/"><a href=b>点</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<object data="javascript:window.__xss=1"></object>',
    '<isindex action=javascript:alert(1) type=image>',
    '"-alert(1)-"',
    '\';alert(1);//',
    '\\";window.__xss=1;//',
    '-->\'"><img src=x onerror=window.__xss=1>',
    '<a href="//127.0.0.1:1/" target=_blank>外部链接</a>',
    '<input type=image src=x onerror=window.__xss=1>',
    '<img srcset="x 1x" onerror=window.__xss=1>',
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e',
  ],
};

/** Every payload, in the order above. */
export const XSS_PAYLOADS: readonly XssPayload[] = Object.entries(corpus)
  .flatMap(([kind, texts]) => texts.map((text) => ({ kind: kind as XssKind, text })));

/**
 * What a URL field must refuse (a site's return link, privacy page, share image, a webhook, an allowed
 * origin): script and data schemes in the cases, spacings and encodings browsers still follow.
 */
export const XSS_URLS: readonly string[] = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:alert(1)',
  'javascript://example.gov.cn/%0Aalert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'VBSCRIPT:msgbox(1)',
];

/**
 * An https address is a fine link even with markup in it: fields take it (the browser reads the quote
 * and the brackets as part of the path), and pages must keep it inside its attribute.
 */
export const XSS_HTTPS_URL = 'https://example.gov.cn/"><img src=x onerror=window.__xss=1>?a=\'><svg onload=alert(1)>';

/**
 * `texts` joined into as few texts as possible of at most `max` characters, one to a line: many
 * payloads through a field in one request (a body, a note, a reply).
 */
export function packed(texts: readonly string[], max: number, separator = '\n'): string[] {
  const out: string[] = [];
  for (const text of texts) {
    const last = out.at(-1);
    if (last !== undefined && last.length + separator.length + text.length <= max) out[out.length - 1] = last + separator + text;
    else out.push(text);
  }
  return out;
}
