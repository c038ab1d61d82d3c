// The privacy notice Liuyan ships, shown under the consent box of a site that has none of its own.
// A chunk of its own in each language (≈ 0.9 KB gzip; bench/README.md): fetched when the citizen
// comes into the form or opens 阅读隐私声明, not with the form's first paint.

/** Shown when the site has no privacy notice of its own (`config.privacy.text` and `url` both null). */
export const privacyZhCN = {
  defaultPrivacyNotice: '我们收集什么：您填写的留言内容、所在地区，以及姓名、联系电话和电子邮箱（选填）。\n'
    + '用于什么：只用于受理、转办、答复和回访您的留言。联系方式加密保存，只有办理您留言的工作人员在需要时才能查看，每次查看都有记录。\n'
    + '公开什么：选择“公开”的留言经审核后在网站上展示，只显示您选择的署名（如“陈先生”）；电话和邮箱在任何情况下都不会公开。'
    + '“不公开”的留言只有您本人（凭查询码）和办理部门可见。\n'
    + '您的权利：您可凭查询码查看自己的留言和办理进程，下载留言的全部数据，或删除您的姓名、电话和邮箱；如需更正，请联系本网站。\n'
    + '依据：《中华人民共和国个人信息保护法》。',
};
