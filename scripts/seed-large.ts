// `npm run seed:large -- --messages 100000 [--site demo] [--persist-to DIR] [--years 3] [--seed 1]`
//
// Adds many realistic messages to an existing site of a local D1 (wrangler's `.wrangler/state`, the
// one `npm run dev` uses, or the `--persist-to` directory of the browser tests or the benchmark), so
// the board, search and the console can be tried and measured at scale. Run it after `npm run dev`
// (or `seed()` in scripts/local-stack.ts) has created the site. The seed opens the same SQLite files
// through `getPlatformProxy`; a running `wrangler dev` may stay up and serves the new rows at once.
//
// What it writes, per message, in the same batch: the message, its search entry (`indexForSearch`,
// the service's own text function), its timeline events, its replies (signed by a unit) and its
// rating. Messages are spread over the site's units, types and domains, dated over `--years` up to
// now in increasing order (so `seq` follows time), and their statuses follow from their age and a
// simulated handling history: most old ones answered, recent ones awaiting, a few overdue, stalled
// or never accepted. Moderation: mostly published and public; some private, pending (the newest),
// rejected or hidden. Titles and bodies are composed from templates and word lists (places in the
// county, problems, requests), so a word like 路灯 appears in a realistic fraction of messages.
// Contacts are real ciphertexts (`createCipher` with the local DATA_KEY) of made-up names and phone
// numbers; tracking codes are hashed as the service does and then forgotten.
//
// How it writes, and why: through `getPlatformProxy` (as `seed()` in scripts/local-stack.ts), one
// `exec()` per CHUNK_MESSAGES messages, the statements built with Kysely and the service's helpers and
// their values written into the SQL (exec takes no bound parameters, and one statement per line). Local
// D1 runs one exec() as one transaction: a failing statement leaves none of its rows. Measured here
// (2 cores, other work running) on 5,000 messages:
//   - D1 batch() of bound statements, 100 messages (~190 statements) per batch: ~100 messages/s. Through
//     the proxy every prepare() and bind() is a synchronous round trip to workerd (~5 ms a statement).
//   - SQL files applied with `wrangler d1 execute --local --file`: ~110 messages/s (3 s to write 14 MB
//     of SQL, 43 s to apply it: wrangler runs a file as one batch() of prepared statements, as above).
//   - exec(), 250 messages (~270 statements) per call: 600–1,000 messages/s, so 100k in 2–3 minutes.
// Inserts have several rows each, up to ~50 KB of SQL (D1 allows 100 KB a statement); each search entry
// is its own `indexForSearch` statement, as the service writes it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Compilable } from 'kysely';
import { getPlatformProxy } from 'wrangler';
import { siteDatabaseOn, type SiteDatabase } from '../worker/src/db/client';
import { indexForSearch } from '../worker/src/db/messages';
import { latestReplyColumns } from '../worker/src/db/replies';
import type { NewMessage, NewMessageEvent } from '../worker/src/db/schema';
import { dueAfterWorkingDays, weekdaysOnly } from '../worker/src/lib/calendar';
import { createCipher, newId, type Cipher } from '../worker/src/lib/crypto';
import { displayName } from '../sdk/src/display-name';
import { newTrackingCode, normalizeTrackingCode, trackingCodeHash } from '../worker/src/lib/tracking-code';
import type { SeedKeys } from '../worker/seed/demo';
import { ensureDevVars, root } from './local-stack';

/** Messages per exec() (one transaction). */
const CHUNK_MESSAGES = 250;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// ───────────────────────────── word lists ─────────────────────────────

type Domain =
  | 'urban' | 'transport' | 'agriculture' | 'health' | 'education' | 'environment' | 'employment'
  | 'enterprise' | 'governance' | 'security' | 'tourism' | 'finance' | 'other';
type MessageType = 'suggestion' | 'complaint' | 'help' | 'consultation';

/** A topic citizens write about: its title and body sentences may hold {placeholders} (see Places). */
interface Topic {
  title: string;
  detail: string;
  /** What the writer asks for (complaints and requests for help). */
  ask?: string;
  /** What the unit did about it, for its final reply (complaints and requests for help). */
  done?: string;
  /** Words of the unit names that handle it, when not the domain's usual unit. */
  unit?: string[];
}

interface DomainTopics {
  /** Share of all messages, roughly as on county message boards. */
  weight: number;
  /** Words in the names of the units that handle the domain (none: the leaders). */
  unit: string[];
  /** Complaints and requests for help. */
  problems: Topic[];
  questions: Topic[];
  proposals: Topic[];
  /** An answer to a question, in general terms. */
  answers: string[];
}

const TOWNS = ['城关镇', '石桥镇', '河口镇', '龙泉镇', '柳树镇', '东坝镇', '青山乡', '白沙乡', '经济开发区'];
const TOWN_WEIGHTS = [40, 9, 9, 9, 8, 7, 6, 6, 6];
const RURAL_TOWNS = TOWNS.filter((t) => t !== '城关镇' && t !== '经济开发区');
const VILLAGES = [
  '李家村', '王庄村', '杨柳村', '东河村', '桃源村', '新华村', '张湾村', '红星村', '马岭村', '高桥村', '清水村',
  '黄土坡村', '田坝村', '刘家湾村', '双河村', '大坪村', '枫树村', '石门村', '陈家岗村', '向阳村',
];
const COMMUNITIES = [
  '滨河社区', '锦绣花园小区', '阳光城小区', '幸福里小区', '金桂苑小区', '文昌社区', '南门社区', '东方花园小区',
  '城南新区', '城东新区', '翠湖湾小区', '育才路社区', '和谐家园小区', '书香名苑小区', '北门社区',
];
const ROADS = [
  '解放路', '人民路', '滨河路', '文化路', '建设路', '中山路', '新华街', '迎宾大道', '滨河大道', '工业大道',
  '北环路', '南环路', '健康路', '学府路', '胜利街', '青年路',
];
const TOWN_SCHOOLS = ['城关一小', '城关二小', '县实验小学', '县第一中学', '县第二中学', '县实验幼儿园', '城南小学'];
const TOWN_HOSPITALS = ['县人民医院', '县中医院', '县妇幼保健院'];
const COMPANIES = ['一家物流公司', '一家服装厂', '一家建材公司', '一家食品厂', '一家家具厂', '一家劳务公司', '一家汽修厂', '一家电子厂', '一家超市'];
const SCENIC = ['青龙山景区', '桃花古镇', '白沙河湿地公园', '龙泉溶洞'];
const RIVERS = ['清水河', '白沙河', '龙泉河'];
const DURATIONS = ['一个多月', '两个多月', '三个多月', '半年多', '大半年', '一年多', '好几个月'];
const BUILDINGS = ['3栋', '5栋', '8栋', '12栋', '2号楼', '6号楼', '9号楼'];
const COUNTS = ['五六', '七八', '十几', '二十多', '好几十'];

const DOMAINS: Record<Domain, DomainTopics> = {
  urban: {
    weight: 16,
    unit: ['住房', '城乡建设', '城管'],
    problems: [
      {
        title: '{road}一带路灯长期不亮',
        done: '经排查，该路段路灯因线路老化和灯具损坏不亮，我局已安排路灯维护单位更换了线路和灯具，目前路灯已全部恢复照明。',
        detail: '{road}一带的路灯坏了很久没人修，{count}盏路灯有一半不亮，晚上黑漆漆的，下夜班的人和骑电动车的经常磕碰摔倒。',
        ask: '希望相关部门尽快派人维修路灯，保障群众夜间出行安全。',
      },
      {
        title: '{community}路灯坏了没人修',
        done: '经核实，小区内部路灯由物业负责维护，我局已约谈物业服务企业，督促其完成维修，目前路灯已恢复正常。',
        detail: '我们{community}里面和门口的路灯已经坏了{duration}，物业说归市政管，市政说小区内部归物业，互相推诿，老人晚上都不敢下楼散步。',
        ask: '请明确路灯维修责任，尽快把路灯修好。',
      },
      {
        title: '{community}电梯频繁故障物业不作为',
        done: '我局已会同县市场监管局对该电梯进行了检查，责令维保单位全面检修并更换了老化部件，同时将物业服务企业纳入信用考核。',
        detail: '{community}{building}的电梯今年已经坏了不下十次，上个月还把两位老人关在里面四十多分钟。每次找物业都说在联系维保单位，修好没几天又坏。',
        ask: '希望督促物业公司彻底检修或更换电梯，并查一查维保单位有没有按规定保养。',
      },
      {
        title: '{community}下水道堵塞污水外溢',
        done: '我局已安排排水管网维护单位对该处管网进行了疏通清淤，并将该片区雨污管网改造纳入明年建设计划。',
        detail: '{community}门口的下水道经常堵塞，一下雨污水就漫到路面上，臭气熏天，住户出门都要绕着走，孩子上学只能踩着污水过去。',
        ask: '希望尽快疏通排水管网，彻底解决污水外溢问题。',
      },
      {
        title: '{community}改造工程进度缓慢',
        done: '我局已约谈施工单位，要求其增加施工力量、倒排工期，目前路面已恢复，工程预计下月底完工，完工后将组织居民代表参与验收。',
        detail: '{community}改造工程去年就开工了，路面挖开后一直没有恢复，外墙脚手架也搭了几个月，施工断断续续，居民出行很不方便。',
        ask: '希望住建部门督促施工单位加快进度，按期完工，并公开工程进度和验收标准。',
      },
      {
        title: '{road}占道经营严重行人无路可走',
        done: '县城管执法大队已对该路段开展专项整治，劝导商户退店经营，并在早晚高峰安排执法人员定点值守。',
        detail: '{road}两边的商户把货物摆到人行道上，早晚还有流动摊贩占道摆摊，行人只能走机动车道，非常危险。',
        ask: '希望城管部门加强管理，还人行道于行人。',
      },
      {
        title: '{community}频繁停水且不提前通知',
        done: '经核实，停水系片区供水管网改造所致，我局已督促供水公司加快施工，今后计划停水将至少提前24小时公告。',
        detail: '最近一个月{community}已经停水四五次，每次都没有提前通知，有时候一停就是一整天，家里老人孩子做饭洗漱都成问题。',
        ask: '希望督促供水公司查明原因，停水前提前公告，尽快恢复正常供水。',
      },
      {
        title: '{community}物业擅自上调停车费',
        done: '经核查，该物业调价未履行法定程序，我局已责令其恢复原收费标准，多收费用予以退还。',
        detail: '{community}物业没有召开业主大会，也没有征求业主意见，贴了一张通知就把地面停车费从每月一百元涨到两百元，不交就不让车辆进小区。',
        ask: '希望主管部门核查物业收费是否合规，督促物业依法依规收费。',
      },
    ],
    questions: [
      { title: '咨询{community}加装电梯补贴政策', detail: '我们{community}是九十年代的老房子，楼里老人多，想申请加装电梯。请问加装电梯需要多少业主同意？政府有没有补贴，每台补多少？申请材料交到哪里？' },
      { title: '公共租赁住房申请条件咨询', detail: '我在县城打工多年，一直租房住，想咨询一下申请公租房需要满足什么条件？外地户籍能不能申请？收入标准是多少？在哪里报名？' },
      { title: '住房公积金提取用于租房怎么办理', detail: '我在县城租房住，想咨询住房公积金能不能提取用来付房租？每年能提取多少？需要带哪些材料到哪个窗口办理？能不能在手机上办？' },
    ],
    proposals: [
      { title: '建议在{community}周边增建停车位', detail: '{community}周边车多位少，晚上车辆只能停在路边和人行道上，消防通道也经常被堵。建议利用周边闲置地块建设立体停车场或临时停车场，并在夜间开放部分机关单位停车场。' },
      { title: '建议{road}增设公共厕所', detail: '{road}是县城人流最集中的路段之一，但附近没有一座公共厕所，赶集的群众和游客只能到商户借用。建议在{road}沿线新建或改建公共厕所，并安排专人保洁。' },
      { title: '建议加快推进老旧小区雨污分流改造', detail: '县城不少老旧小区仍是雨污合流，一到雨季就污水外溢。建议把雨污分流纳入老旧小区改造的重点内容，统一规划、分批实施，并公开改造计划。' },
    ],
    answers: [
      '具体条件和所需材料以县政务服务中心住建窗口公布的办事指南为准，您也可以通过政务服务网在线查询和申请。',
      '符合条件的可向所在社区提出申请，经审核公示后按规定办理，办理进度可通过政务服务网查询。',
    ],
  },
  transport: {
    weight: 12,
    unit: ['交通'],
    problems: [
      {
        title: '{town}至{town2}县道路面破损严重',
        done: '我局已安排公路养护站对该路段坑槽进行了修补，并会同交警部门加强了超限超载车辆治理，该路段已纳入明年大中修计划。',
        detail: '{town}到{town2}的县道，从{village}往东约三公里的路段坑洼连片，最大的坑有半米宽，下雨天积水看不清深浅，经常有电动车、三轮车在这里翻车。',
        ask: '希望交通部门尽快安排修补，并加强对超载车辆的管理。',
      },
      {
        title: '{road}与{road2}交叉路口缺少红绿灯',
        done: '我局已会同县公安局交警大队现场勘查，该路口信号灯、路灯和斑马线已于近期安装施划完成。',
        detail: '{road}与{road2}交叉路口车流量很大，既没有红绿灯也没有路灯，晚上视线很差，今年已经发生好几起交通事故。',
        ask: '建议尽快在路口设置信号灯和路灯，施划斑马线。',
      },
      {
        title: '{village}到县城的客运班车太少',
        done: '我局已督促客运企业优化班次，该线路每天增加了两个往返班次，具体时刻可在车站公告栏查询。',
        detail: '{town}{village}每天只有早晚两班车到县城，错过了就只能包车，老人看病、学生返校都很不方便，有时候车还不按点发。',
        ask: '希望增加班次，或者开通预约响应式公交。',
      },
      {
        title: '{school}门口上下学时段交通拥堵',
        done: '我局已会同交警大队和学校拟定了交通组织方案，在学校周边设置了临时停车区和即停即走车位，上下学时段安排了交警和志愿者疏导。',
        detail: '{school}门口每天早上七点半和下午放学时段，接送孩子的私家车、电动车全部堵在校门口，乱停乱放，孩子们只能在车缝里穿行，非常危险。',
        ask: '建议规划临时停车区，设置即停即走通道，上下学时段安排交警疏导。',
      },
      {
        title: '{road}大货车超载超速噪音大',
        done: '交警大队和我局路政执法人员已在该路段开展夜间联合执法，查处了一批超载超速车辆，并限定了重型货车通行时段。',
        detail: '每天晚上十点以后，{road}上拉砂石的大货车一辆接一辆，车速很快，很多明显超载，路面被压得坑坑洼洼，沿街居民整夜睡不好。',
        ask: '希望交通和交警部门联合治理超载超速，限定重车通行时段。',
        unit: ['交通', '公安'],
      },
      {
        title: '县城公交车班次少等车时间长',
        done: '我局已督促公交公司优化线路和班次，高峰期发车间隔缩短至十五分钟以内，站台遮雨棚将分批改造。',
        detail: '县城几条公交线路班次太少，经常要等半个多小时，冬天老人在站台上冻得直跺脚，有的站台连遮雨棚都没有。',
        ask: '希望增加公交班次，公布发车时刻表，完善站台设施。',
      },
    ],
    questions: [
      { title: '县城到高铁站有没有公交专线', detail: '高铁站开通后，县城到高铁站只有出租车和网约车，想问一下有没有开通公交专线的计划？如果有，大概什么时候开通，票价多少？' },
      { title: '农村道路硬化项目如何申请', detail: '我们{village}还有一段两公里的通组路是泥巴路，下雨天车进不去。想咨询农村道路硬化项目怎么申请？需要村里自筹多少资金？' },
      { title: '网约车驾驶员证怎么办理', detail: '我想在县城跑网约车，请问网约车驾驶员证需要什么条件？考试在哪里报名？车辆需要办理什么手续？' },
    ],
    proposals: [
      { title: '建议开通县城至高铁站的公交专线', detail: '县城到高铁站有十几公里，目前只有出租车和网约车，单程要五六十元。建议开通县汽车站至高铁站的公交专线，班次与主要车次衔接，票价控制在十元以内。' },
      { title: '建议公交线路延伸至{community}', detail: '{community}入住居民已经有几千户，但最近的公交站在一公里以外。建议把现有线路延伸到{community}并增设站点，方便居民出行。' },
      { title: '建议在{road}增设非机动车道隔离护栏', detail: '{road}机动车和非机动车混行，电动车经常被挤到机动车道上，安全隐患很大。建议增设隔离护栏，施划非机动车道。' },
    ],
    answers: [
      '相关事项可到县政务服务中心交通运输窗口办理，也可通过政务服务网在线申请，办理时限为五个工作日。',
      '该项目由各镇（乡）统一摸底申报，请您向所在村委会和镇政府反映，纳入年度建设计划后统一实施。',
    ],
  },
  education: {
    weight: 10,
    unit: ['教育'],
    problems: [
      {
        title: '{school}课后服务收费不透明',
        done: '我局已责成学校在校务公开栏和家长群公示课后服务收费依据、标准和服务内容，并丰富课后服务项目。',
        detail: '{school}的课后服务每学期收费六百多元，但学校没有公布收费依据和费用去向，课后服务基本就是让孩子在教室里自习写作业。',
        ask: '希望教育局核查收费是否合规，公开收费标准和服务内容。',
      },
      {
        title: '校外培训机构违规开展学科补课',
        done: '我局会同县市场监管局对该机构进行了联合检查，已责令其停止违规学科类培训，并依法作出处理。',
        detail: '{town}{road}有一家培训机构，对外挂的是“书法美术”的牌子，实际上天天在给初中生补数学、英语、物理，一个班三四十人，一期收费三千多元。',
        ask: '这明显不符合“双减”政策，希望教育局去查一查，规范校外培训秩序。',
      },
      {
        title: '{school}食堂饭菜质量差分量少',
        done: '我局已对学校食堂进行了专项检查，责令学校改进菜品、足量供应，落实家长陪餐和食堂账目公开制度。',
        detail: '孩子在{school}食堂吃饭，一顿饭收费十几元，但经常是一荤两素，肉少得可怜，孩子说经常吃不饱，回家还要再吃一顿。',
        ask: '希望教育部门加强对学校食堂的监管，公开食堂账目，让家长参与陪餐监督。',
      },
      {
        title: '{village}村小撤并后孩子上学路远',
        done: '我局已会同交通运输部门开通了该村至中心小学的学生专线，并为有需要的学生安排了寄宿。',
        detail: '{village}的村小撤并以后，孩子们要到{town}中心小学上学，路上要走四十多分钟，中间还要经过一段没有护栏的山路，家长非常担心。',
        ask: '希望开通校车，或者为远距离学生安排寄宿。',
      },
      {
        title: '{school}要求家长统一购买指定教辅资料',
        done: '经调查，该校存在推荐教辅资料的行为，我局已责令学校立即纠正，对相关人员进行了批评教育。',
        detail: '开学后{school}老师在家长群里发通知，要求每个学生统一购买一套教辅资料，一百多元，说是“自愿”，但不买的孩子上课就没法跟着做题。',
        ask: '希望教育局核查是否存在违规推销教辅的行为。',
      },
    ],
    questions: [
      { title: '孩子从外地转学回县城读书怎么办手续', detail: '我家孩子一直在外省上学，今年我们回县里工作，想让孩子转回县城读书。请问转学需要准备哪些材料？学位怎么安排？要不要参加考试？' },
      { title: '义务教育阶段入学需要哪些材料', detail: '孩子今年秋季上一年级，我们是在县城买房的外地户口，想咨询入学报名需要准备哪些材料？学区怎么划分？什么时候报名？' },
      { title: '高中阶段国家助学金怎么申请', detail: '我家是脱贫户，孩子在县第一中学读高一，想咨询国家助学金的申请条件和资助标准，需要准备哪些证明材料，在哪里申请？' },
    ],
    proposals: [
      { title: '建议小学课后服务延长至下午六点', detail: '现在学校课后服务下午五点多结束，双职工家庭下班基本都要到六点。建议对有需要的家庭提供延时托管，可以安排作业辅导、阅读、体育活动等，减轻家长接送压力。' },
      { title: '建议加强农村小规模学校师资配备', detail: '农村小规模学校学生少、老师少，一个老师要包好几门课，音乐、美术、英语基本靠“凑”。建议推行城乡学校结对走教，提高乡村教师生活补助，改善教师周转宿舍条件。' },
      { title: '建议在{school}周边增设护学岗', detail: '{school}门口上下学时段人车混行，建议在上下学时段设置护学岗，由交警、老师和家长志愿者共同值守，保障学生安全。' },
    ],
    answers: [
      '具体办理流程和所需材料请参照县教育局官网发布的招生入学公告，也可在工作日到县教育局招生办咨询。',
      '请您向孩子所在学校学生资助工作负责人提出申请，经学校评议公示后上报审核，资助资金按学期发放。',
    ],
  },
  health: {
    weight: 8,
    unit: ['卫生', '健康', '医疗保障'],
    problems: [
      {
        title: '{town}卫生院晚上没有医生值班',
        done: '我局已责成该卫生院严格落实24小时值班制度，并在全县乡镇卫生院开展了夜间值班督查。',
        detail: '前几天晚上家里老人突发高烧，送到{town}卫生院，结果只有一个护士在，说医生下班了，让我们去县医院，又耽误了一个多小时。',
        ask: '希望卫健部门督促乡镇卫生院落实夜间值班制度，保障群众急诊需要。',
      },
      {
        title: '{hospital}挂号难排队时间长',
        done: '我局已督促医院增加专家号源，推行分时段预约，并在门诊大厅设置老年人现场挂号专窗。',
        detail: '到{hospital}看病，早上六点多去排队挂号，等到十点多才看上，专家号在网上根本抢不到，老年人不会用手机预约，只能一趟趟往医院跑。',
        ask: '希望医院优化挂号流程，增加专家号源，保留老年人现场挂号窗口。',
      },
      {
        title: '{hospital}周边停车难',
        done: '我局已会同医院和交警部门在医院周边新增临时停车位，并安排专人疏导，停车场扩建项目正在推进。',
        detail: '{hospital}停车场车位太少，周边道路上车辆排起长队等车位，救护车有时候都进不去，病人家属只能把车停到很远的地方。',
        ask: '建议扩建停车场，在周边规划临时停车位，并安排专人疏导。',
      },
      {
        title: '家人重病住院费用高申请医疗救助',
        done: '经核实，您家人符合大病保险和医疗救助条件，我们已指导您办理相关手续，救助资金将按程序发放。',
        detail: '我家人上个月突发重病，在{hospital}住院二十多天，后来又转到市里治疗，前后花了十几万元。家里是普通农户，已经借了不少钱。',
        ask: '想咨询医保报销后剩下的部分能不能走大病保险，能不能申请医疗救助，恳请帮助。',
      },
    ],
    questions: [
      { title: '异地就医备案后住院报销比例咨询', detail: '我父亲是本县城乡居民医保参保人，现在跟着我在省城生活。想咨询办理异地长期居住备案后，在省城住院的报销比例是多少？备案可以在手机上办吗？' },
      { title: '城乡居民医保今年个人缴费标准是多少', detail: '想咨询今年城乡居民医保个人缴费标准是多少？什么时候开始缴费，截止到什么时候？脱贫户和低保户有没有缴费补助？' },
      { title: '慢性病门诊报销怎么办理', detail: '我母亲有高血压和糖尿病，长期吃药，听说办理慢性病门诊可以报销一部分药费。请问要带什么材料？在哪里鉴定？报销比例多少？' },
      { title: '新生儿医保怎么参保', detail: '孩子刚出生一个月，想咨询新生儿怎么参加城乡居民医保？出生前几个月的住院费能不能报销？需要先上户口才能办吗？' },
    ],
    proposals: [
      { title: '建议县人民医院开设夜间门诊', detail: '上班族白天请假看病很难，建议县人民医院在工作日晚上开设常见病夜间门诊，方便群众就医。' },
      { title: '建议扩大家庭医生签约服务覆盖面', detail: '农村很多老人有慢性病，行动不便，建议扩大家庭医生签约服务覆盖面，定期上门随访，送医送药到村。' },
    ],
    answers: [
      '具体报销比例和办理流程请参照县医疗保障局发布的政策文件，也可拨打医保服务热线或到政务服务中心医保窗口咨询。',
      '您可以通过国家医保服务平台手机应用在线办理，也可以到县政务服务中心医保窗口现场办理。',
    ],
  },
  employment: {
    weight: 9,
    unit: ['人力资源', '社会保障'],
    problems: [
      {
        title: '{town}{company}拖欠工资{duration}',
        done: '我局劳动保障监察大队已约谈该单位负责人，调取了工资发放记录，拖欠的工资已督促其全部结清。',
        detail: '我在{town}{company}上班，老板已经拖欠我们{duration}的工资，找了好几次都说资金周转困难，再等等，厂里十几个工人都是这样。',
        ask: '希望劳动监察部门帮我们讨回工资。',
      },
      {
        title: '在工地干了半年工资一直拖着不给',
        done: '我局已约谈项目建设单位和施工总承包单位，督促其通过农民工工资专用账户先行清偿，拖欠工资已全部支付到位。',
        detail: '我们十几个人在{community}附近一个住宅项目干木工、钢筋工，说好每月发生活费、年底结清，结果半年多了每人还被欠两三万元。找包工头，他说开发商没拨钱；找项目部，又说钱已经付给包工头了。',
        ask: '家里老人要看病、孩子要交学费，实在等不起了，恳请帮帮我们农民工。',
      },
      {
        title: '{company}不给员工缴纳社保',
        done: '经调查，该单位未依法为职工缴纳社会保险，我局已下达责令改正通知书，目前该单位已为职工办理参保并补缴。',
        detail: '我在{town}{company}已经干了两年多，签合同的时候说会交社保，结果到现在一直没交，去问老板说交了社保工资就要降。',
        ask: '希望人社部门核查，督促企业依法为职工缴纳社会保险。',
      },
      {
        title: '辞职后单位拒绝出具离职证明',
        done: '我局已督促该单位依法为您出具离职证明并办理社保减员手续。',
        detail: '我上个月从{town}{company}辞职，按规定提前一个月打了报告，但单位一直不给出具离职证明，也不给办理社保减员，导致我新单位没法给我交社保。',
        ask: '希望劳动监察部门督促单位依法办理离职手续。',
      },
    ],
    questions: [
      { title: '灵活就业人员养老保险缴费档次咨询', detail: '我之前在外地打工，现在回县里开了个小店，属于灵活就业人员。想咨询以灵活就业身份参加职工养老保险，缴费档次有哪几档？之前在外地交的社保能不能转回来接着交？' },
      { title: '高校毕业生就业见习补贴如何申请', detail: '我今年大学毕业，想回县里找工作，听说参加就业见习有补贴。请问见习岗位在哪里查？补贴标准是多少？需要什么条件？' },
      { title: '失业保险金领取条件咨询', detail: '我在公司工作了三年，最近公司裁员把我辞退了，想咨询失业保险金怎么领取？能领几个月？每月多少钱？需要到哪里办理？' },
      { title: '职业技能培训补贴怎么申请', detail: '想学电工或者焊工，听说参加政府组织的职业技能培训可以领补贴。请问县里有哪些培训项目？怎么报名？补贴怎么发？' },
    ],
    proposals: [
      { title: '建议在县城设立零工市场', detail: '县城很多打零工的人每天早上聚在{road}路边等活，风吹日晒，还影响交通。建议设立规范的零工市场，提供信息发布和对接服务。' },
      { title: '建议加大返乡创业扶持力度', detail: '不少在外务工的年轻人想回乡创业，但缺资金、缺技术、缺场地。建议完善返乡创业扶持政策，提供创业担保贷款、场地租金补贴和创业培训。' },
    ],
    answers: [
      '具体缴费档次、补贴标准和申请流程请以县人社局官网公布的办事指南为准，也可到县政务服务中心人社窗口咨询办理。',
      '符合条件的人员可携带身份证、社保卡等材料到县人社局公共就业服务窗口申请，审核通过后按月发放。',
    ],
  },
  environment: {
    weight: 8,
    unit: ['生态', '环境'],
    problems: [
      {
        title: '{village}养殖场污水直排入{river}',
        done: '我局已会同属地镇政府到现场检查，该养殖场排污暗管已封堵，并依法立案处罚，下游水质监测结果已恢复正常。',
        detail: '{town}{village}河边有一家生猪养殖场，长期把粪污水直接排进{river}，河水发黑发臭，下游几个村的村民都不敢用河水浇菜了。',
        ask: '希望生态环境部门实地查处，彻底解决污水直排问题。',
      },
      {
        title: '{town}砖厂粉尘污染严重影响村民生活',
        done: '经现场检查，该砖厂除尘设施运行不正常，我局已责令其停产整改，整改完成并经监测达标后方可恢复生产。',
        detail: '{town}{village}附近的砖厂一开工就粉尘漫天，附近村民家里的窗台、晾的衣服上全是灰，庄稼叶子也蒙了一层土，不少老人咳嗽不止。',
        ask: '希望环保部门检查砖厂的除尘设施，依法处理。',
      },
      {
        title: '{road}夜市烧烤油烟和噪音扰民',
        done: '我局已会同城管部门对夜市摊点开展整治，要求烧烤摊点全部安装油烟净化设备，并规定了夜间收摊时间。',
        detail: '{road}夜市从每天傍晚一直营业到凌晨两三点，烧烤摊都没有安装油烟净化设备，浓烟直接往居民楼里飘，半夜还有人喝酒划拳、大声喧哗。',
        ask: '希望环保和城管部门联合管一管，要求摊点安装油烟净化设备、规定收摊时间。',
        unit: ['生态', '城管'],
      },
      {
        title: '{village}生活垃圾长期无人清运',
        done: '我局已协调属地镇政府和环卫公司完成清运，并建立了每周两次的定期清运机制。',
        detail: '{town}{village}村口的垃圾池已经{duration}没人清运了，垃圾堆得比人还高，夏天苍蝇蚊子乱飞，臭味熏人，下雨后污水流到旁边的农田里。',
        ask: '希望尽快安排清运，建立长效保洁机制。',
      },
      {
        title: '{community}附近工地夜间施工噪音扰民',
        done: '经核查，该工地未办理夜间施工许可，我局已依法对其立案处罚，并责令其严格遵守施工时间。',
        detail: '{community}附近的建筑工地每天晚上施工到十二点以后，打桩机、搅拌车轰隆隆响个不停，附近居民根本睡不着觉，孩子第二天还要上学。',
        ask: '希望相关部门查处夜间违规施工行为。',
      },
    ],
    questions: [
      { title: '新建养殖场需要办理哪些环评手续', detail: '我打算在{village}承包的山地上建一个养殖场，规模大概存栏五百头生猪，想咨询需要办理哪些环评手续？粪污处理设施有什么要求？' },
      { title: '农村生活污水处理设施如何申请', detail: '我们{village}还没有集中的污水处理设施，生活污水都是直接排到沟里，想问一下农村生活污水治理项目怎么申请？' },
    ],
    proposals: [
      { title: '建议在{town}增设垃圾分类投放点', detail: '{town}人口越来越多，但垃圾投放点少，分类设施不完善，建议增设分类投放点，定时定点清运，并加强宣传引导。' },
      { title: '建议加强{river}沿岸生态保护', detail: '{river}沿岸有些地方存在乱倒垃圾、私挖河沙的现象，建议加强河长巡河，设置监控，开展沿岸生态修复。' },
    ],
    answers: [
      '项目需按照建设项目环境影响评价分类管理名录办理相应手续，具体可到县政务服务中心生态环境窗口咨询。',
      '相关项目由镇（乡）统一规划申报，请您向所在村委会反映，我局将在项目安排时统筹考虑。',
    ],
  },
  agriculture: {
    weight: 8,
    unit: ['农业', '农村'],
    problems: [
      {
        title: '{village}柑橘滞销恳请帮忙找销路',
        done: '我局已联系县电子商务公共服务中心和县内大型超市开展产销对接，并协调开展了助农直播带货，目前滞销柑橘已基本售完。',
        detail: '我们{town}{village}今年柑橘大丰收，但是收购商压价压得厉害，一斤才给五六毛钱，连采摘的人工费都不够，现在还有一万多斤挂在树上。',
        ask: '恳请农业部门帮忙联系超市、学校食堂或者电商平台，帮我们渡过难关。',
      },
      {
        title: '修路征地补偿款迟迟不到位',
        done: '经核实，剩余补偿款已完成审批，将于近期足额发放到户，补偿标准已在村务公开栏公示。',
        detail: '我家是{town}{village}的，两年前修路征收了我家两亩多地，当时说好半年内补偿款到位，可到现在只发了一半，剩下的一直说在走程序。',
        ask: '请帮忙过问一下，剩下的补偿款什么时候能全部发放，补偿标准能不能向群众公开。',
        unit: ['自然资源'],
      },
      {
        title: '{village}农田灌溉水渠年久失修',
        done: '我局已会同属地镇政府实地查看，将该水渠维修纳入今年农田水利建设计划，近期开工。',
        detail: '{town}{village}的灌溉水渠修了二十多年了，很多地方垮塌渗漏，水放不到田里，今年好几户的稻田因为缺水减产。',
        ask: '希望尽快安排维修水渠，保障春耕用水。',
      },
      {
        title: '买到假化肥导致庄稼减产',
        done: '经抽检，该农资店销售的复合肥养分含量不合格，执法人员已依法立案查处，并督促经营者对受损农户予以赔偿。',
        detail: '今年春天在{town}街上一家农资店买了二十多袋复合肥，施下去以后庄稼长得还不如往年，后来送检发现养分含量严重不达标。',
        ask: '希望相关部门查处销售假化肥的行为，帮我们挽回损失。',
        unit: ['市场', '农业'],
      },
    ],
    questions: [
      { title: '今年耕地地力保护补贴何时发放', detail: '我家在{town}种了十几亩水稻，往年耕地地力保护补贴一般上半年就打到惠农一卡通里，今年到现在还没收到。想问一下今年的补贴标准和发放时间？' },
      { title: '土地流转合同怎么签更规范', detail: '村里有合作社想流转我们家的承包地，想咨询土地流转合同怎么签比较规范？流转期限最长多少年？有没有统一的合同范本？' },
      { title: '农机购置补贴如何申请', detail: '我想买一台收割机，听说有农机购置补贴，想咨询补贴标准是多少，需要先买后补还是先申请，在哪里申请？' },
    ],
    proposals: [
      { title: '建议在产业大村建设农产品冷链仓储设施', detail: '我县水果、蔬菜产量大，但缺少冷链仓储设施，农产品集中上市时只能低价卖掉。建议在产业大村建设冷库，提高农产品附加值。' },
      { title: '建议发展农村互助养老', detail: '农村留守老人越来越多，建议利用闲置村小、村部建设互助养老点，由村里组织志愿者提供助餐、陪护服务。' },
      { title: '建议加强农村电商培训', detail: '很多农户想通过网络卖农产品，但不会拍视频、不会开网店。建议组织农村电商培训，培养本地带货主播。' },
    ],
    answers: [
      '补贴资金按照“先核实面积、再公示、后发放”的程序，经镇（乡）核实公示后直接发放到惠农一卡通，具体标准以当年文件为准。',
      '您可以到所在镇（乡）农业服务中心咨询，也可以参考县农业农村局官网发布的规范合同文本。',
    ],
  },
  enterprise: {
    weight: 5,
    unit: ['市场', '发展', '商务'],
    problems: [
      {
        title: '企业开办跑了三趟还没办完',
        done: '我们已对相关窗口工作人员进行了批评教育，并推行一次性告知和容缺受理，企业开办可在一个工作日内办结。',
        detail: '我在经济开发区注册一家小公司，前后跑了三趟政务服务中心，每次都说材料不齐，又不一次性告知需要补什么，一个营业执照拖了半个多月。',
        ask: '希望优化办事流程，落实一次性告知制度。',
        unit: ['政务', '市场'],
      },
      {
        title: '{town}一超市销售过期食品',
        done: '我局执法人员已到该超市进行检查，现场下架了过期食品，并依法立案调查处理。',
        detail: '我在{town}街上的一家超市给孩子买了牛奶和面包，回家才发现牛奶已经过期五天，回去找超市只同意退货，不承认有问题，货架上还有好几样过期零食。',
        ask: '希望市场监管部门检查一下，保障食品安全。',
      },
      {
        title: '{road}一家健身房收了预付费后关门跑路',
        done: '我局已会同公安、商务部门介入处理，正在组织会员登记债权，并依法追查经营者责任。',
        detail: '{road}一家健身房去年搞活动，我办了一张两年的会员卡，花了三千多元，结果今年突然关门，老板电话也打不通，受害会员有上百人。',
        ask: '希望相关部门介入处理，帮助会员追回预付款。',
      },
    ],
    questions: [
      { title: '个体工商户营业执照怎么网上办', detail: '我想在{town}开一家小吃店，想咨询个体工商户营业执照能不能在网上办？需要准备哪些材料？食品经营许可证怎么办？' },
      { title: '小微企业税费减免政策咨询', detail: '我们是一家十几个人的小公司，想咨询今年小微企业有哪些税费减免政策？需要自己申请还是系统自动享受？' },
    ],
    proposals: [
      { title: '建议推行企业开办一网通办', detail: '建议把企业开办涉及的营业执照、刻章、税务登记、社保登记等事项整合到一个平台，一次提交、一日办结。' },
    ],
    answers: [
      '您可以通过省政务服务网企业开办专区在线申请，材料齐全的当天即可领取电子营业执照。',
      '相关优惠政策大多由系统自动享受，具体可咨询县税务局纳税服务热线或到办税服务厅咨询。',
    ],
  },
  governance: {
    weight: 7,
    unit: ['政务', '民政'],
    problems: [
      {
        title: '{village}低保评定不公开不公平',
        done: '县民政局已会同属地镇政府成立调查组，对该村低保对象逐户复核，不符合条件的已取消，复核结果已张榜公示。',
        detail: '我们{village}今年的低保评定没有开村民代表会，名单也没有张榜公示，有的家里开着小车、在县城买了房的也吃上了低保，真正困难的孤寡老人反而没评上。',
        ask: '希望县里核查，对低保评定全程公开，接受群众监督。',
      },
      {
        title: '办事大厅工作人员态度差',
        done: '我们已对相关窗口工作人员进行了批评教育，并在全县政务服务窗口开展作风整顿，落实首问负责和一次性告知制度。',
        detail: '我去政务服务中心办事，窗口工作人员一边玩手机一边接待，问两句就不耐烦，材料的问题也不一次说清楚，我前前后后跑了四趟。',
        ask: '希望加强窗口作风建设，落实首问负责和一次性告知制度。',
      },
      {
        title: '{village}村务公开栏长期不更新',
        done: '我们已督促村委会按规定及时公开村务和财务，并将村务公开情况纳入镇（乡）年度考核。',
        detail: '{town}{village}的村务公开栏已经{duration}没有更新了，村里的集体收入、项目资金怎么花的，村民一概不知。',
        ask: '希望督促村委会按规定公开村务财务，接受村民监督。',
      },
    ],
    questions: [
      { title: '老人瘫痪在床身份证过期能否上门办理', detail: '我家老人瘫痪在床多年，身份证过期了，但去银行、医院都要用身份证。想问一下能不能申请上门办理身份证？需要提前准备什么？' },
      { title: '户口迁移需要准备哪些材料', detail: '我在县城买了房，想把户口从{town}{village}迁到县城，请问需要准备哪些材料？在哪里办？农村的承包地会不会被收回？' },
      { title: '不动产登记一般需要多长时间', detail: '我前段时间在县城买了二手房，已经交了税费，想问一下不动产登记一般需要多长时间能拿到证？能不能加急？' },
    ],
    proposals: [
      { title: '建议政务服务中心周末提供延时服务', detail: '政务服务中心周一到周五上班，和大家的上班时间完全重合。建议在周六上午开设综合窗口，或者工作日延时到六点半，同时把更多高频事项放到网上办理。' },
      { title: '建议推行更多事项“跨省通办”', detail: '我县外出务工人员多，很多事项必须回县里办，来回一趟要花好几天。建议推行更多事项“跨省通办”，减少群众往返奔波。' },
    ],
    answers: [
      '行动不便的群众可由家属向辖区派出所提出申请，经核实后民警将预约上门服务。',
      '具体办理流程和所需材料请以县政务服务中心公布的办事指南为准，也可通过政务服务网在线查询。',
    ],
  },
  security: {
    weight: 5,
    unit: ['公安'],
    problems: [
      {
        title: '{road}深夜经常有改装车飙车炸街',
        done: '县公安局交警大队已在该路段开展夜间专项整治，查处了一批改装车辆和飙车行为，并将常态化开展巡查。',
        detail: '最近{duration}，每到周末深夜，{road}上就有改装摩托车、汽车飙车炸街，轰鸣声特别大，附近居民被吵得整夜睡不着觉。',
        ask: '希望公安交警部门加强夜间巡查，依法查处飙车炸街行为。',
      },
      {
        title: '{community}电动车接连被盗',
        done: '辖区派出所已立案侦查，并会同社区和物业修复了小区监控，加强了夜间巡逻。',
        detail: '{community}这个月已经丢了五六辆电动车，有的还是锁在楼下车棚里被偷的，小区监控坏了好久也没人修。',
        ask: '希望公安机关尽快破案，督促物业修好监控，加强夜间巡逻。',
      },
      {
        title: '{community}周边路灯昏暗夜间治安隐患大',
        done: '我局已会同住建部门修复了该路段路灯，新增了两处监控，并将该路段纳入夜间重点巡逻路线。',
        detail: '{community}后面那条小路路灯昏暗，好几盏路灯不亮，晚上经常有人在那里聚集喝酒，女生下晚自习回家都不敢走这条路。',
        ask: '希望增设路灯和监控，加强夜间巡逻。',
      },
      {
        title: '家人遭遇电信诈骗求助',
        done: '案件已依法立案侦查，目前正在全力追查中，有进展将及时通知您，请保持电话畅通。',
        detail: '我家老人前几天接到一个自称“公检法”的电话，说她涉嫌洗钱，要把钱转到“安全账户”接受审查，老人一害怕就把存的几万元全转了过去。我们已经报了案。',
        ask: '想问一下案件有没有进展，钱还有没有可能追回来，恳请公安部门帮帮我们。',
      },
    ],
    questions: [
      { title: '办理居住证需要什么材料', detail: '我是外地户口，在县城工作生活了一年多，想咨询办理居住证需要什么条件和材料？在哪里办？多长时间能拿到？' },
      { title: '驾驶证到期换证怎么办理', detail: '我的驾驶证下个月到期，想问一下换证需要体检吗？能不能在手机上办？在外地能不能换？' },
    ],
    proposals: [
      { title: '建议在学校周边增设监控和护学岗', detail: '{school}周边人员复杂，建议在校门口和周边路口增设监控，上下学时段安排民警或辅警值守。' },
    ],
    answers: [
      '您可以携带身份证和相关证明材料到居住地派出所户籍窗口办理，也可以通过“公安政务服务”平台在线申请。',
      '该业务可通过“交管12123”手机应用在线办理，也可到县公安局交警大队车管所窗口办理。',
    ],
  },
  tourism: {
    weight: 3,
    unit: ['文化', '旅游'],
    problems: [
      {
        title: '{scenic}停车场收费不公示还不给票',
        done: '我局已到景区检查，责令景区停车场公示收费标准、规范开具票据，并对路边私设停车点进行了清理。',
        detail: '节假日我们一家去{scenic}游玩，停车场门口没有任何收费公示，出来时一辆小车收了五十元，问收费依据，工作人员说“节假日都这样”，也不给正规票据。',
        ask: '希望相关部门查一查景区停车收费是否合规，规范旅游市场秩序。',
        unit: ['市场'],
      },
      {
        title: '{scenic}商户强买强卖',
        done: '我们已会同景区管理方对相关商户进行了查处，并在景区内设置了投诉电话和明码标价公示牌。',
        detail: '在{scenic}游玩时，有商户拉着游客买土特产，价格比外面贵好几倍，不买就说难听的话，有游客还跟商户发生了争执。',
        ask: '希望加强景区管理，维护游客合法权益。',
        unit: ['市场'],
      },
    ],
    questions: [
      { title: '春节期间县内景区门票有无优惠政策', detail: '春节准备带家里老人孩子去{scenic}玩，想咨询春节期间县内景区门票有没有优惠？六十岁以上老人、学生能不能免票或者半价？需要提前预约吗？' },
      { title: '县城到{scenic}有没有旅游直通车', detail: '外地朋友来玩，想问一下县城到{scenic}有没有旅游直通车或者公交车？从哪里发车，票价多少？' },
    ],
    proposals: [
      { title: '建议完善{scenic}旅游标识和配套设施', detail: '{scenic}的指示标识少，游客经常走错路，景区内厕所和休息座椅也不够。建议完善旅游标识和配套设施，提升游客体验。' },
    ],
    answers: [
      '具体优惠政策以景区公告为准，六十五岁以上老年人等群体可凭有效证件享受门票减免。',
      '节假日期间县汽车站开通了旅游专线，具体班次可关注县文化和旅游局官方公众号发布的信息。',
    ],
  },
  finance: {
    weight: 3,
    unit: ['财政', '金融'],
    problems: [
      {
        title: '{town}银行网点少老人取钱难',
        done: '我们已协调辖区金融机构在该镇增设了助农取款服务点，并在养老金发放日增派工作人员。',
        detail: '{town}只有一家银行网点，每次发养老金的时候排队的老人从屋里排到街上，很多老人不会用手机银行，取个钱要等大半天。',
        ask: '希望协调银行增设网点或助农取款点，为老年人提供便利服务。',
      },
      {
        title: '惠农补贴资金迟迟未到账',
        done: '经核查，相关资金已拨付到位，并已督促镇（乡）于近期发放到群众的惠农一卡通。',
        detail: '我们{village}好几户村民的惠农补贴资金{duration}都没有到账，问村里说是上面还没拨，问镇里说早就拨下去了。',
        ask: '希望核查补贴资金发放情况，确保资金及时足额发放到群众手中。',
      },
    ],
    questions: [
      { title: '创业担保贷款如何申请', detail: '我想回乡开一家农产品加工作坊，听说有创业担保贷款，想咨询额度是多少，利息怎么算，需要什么条件，到哪里申请？' },
      { title: '惠农一卡通丢失怎么补办', detail: '家里老人的惠农一卡通丢了，想问一下在哪里补办，需要带什么材料，补办期间发放的补贴会不会受影响？' },
    ],
    proposals: [
      { title: '建议在偏远乡镇增设助农取款点', detail: '偏远乡镇银行网点少，老人取钱难。建议在村级便民服务中心和村内超市增设助农取款点，方便群众办理小额取款。' },
      { title: '建议设立小微企业应急转贷资金', detail: '小微企业贷款到期续贷时经常资金周转困难，只能借高息过桥资金。建议设立政府应急转贷资金，减轻小微企业融资负担。' },
    ],
    answers: [
      '符合条件的个人可向县人社局创业担保贷款窗口提出申请，经审核后由合作银行发放，财政按规定给予贴息。',
      '请携带本人身份证到开户银行任一网点办理补办手续，补办期间发放的资金不受影响。',
    ],
  },
  other: {
    weight: 6,
    unit: ['市场'],
    problems: [
      {
        title: '{community}快递驿站乱收费',
        done: '我们已约谈相关快递企业，督促其取消违规收费，按约定提供送货上门服务。',
        detail: '{community}的快递驿站取件要收一元钱“保管费”，快递员也不送货上门，打电话都说放驿站了，老人取个快递要走好远。',
        ask: '希望相关部门规范快递末端收费，督促快递企业按约定送货上门。',
      },
      {
        title: '{village}手机信号差上网难',
        done: '我们已协调通信运营商到现场勘查，该村基站建设已纳入今年建设计划。',
        detail: '{town}{village}地处山区，村里手机信号时有时无，打个电话要跑到山坡上，孩子上网课经常断线，村里办事扫码也扫不了。',
        ask: '希望协调通信运营商在村里建设基站。',
        unit: ['工业', '信息', '发展'],
      },
      {
        title: '邻居违章搭建遮挡采光',
        done: '经现场核查，该建筑未取得规划许可，属违法建设，执法部门已下达限期拆除通知书。',
        detail: '我家住在{community}一楼，隔壁邻居在院子里违章搭建了一间两层的铁皮房，把我家的窗户全挡住了，白天屋里都要开灯。',
        ask: '希望相关部门依法查处违章建筑。',
        unit: ['自然资源', '住房', '城管'],
      },
    ],
    questions: [
      { title: '咨询房屋产权证办理事宜', detail: '我在{town}街上有一套自建房，一直没有办产权证，想咨询现在能不能补办？需要哪些材料？需要交多少钱？', unit: ['自然资源'] },
      { title: '养犬登记怎么办理', detail: '我在县城养了一只小狗，听说要办养犬登记，想问一下在哪里办？需要打什么疫苗？收不收费？', unit: ['公安'] },
    ],
    proposals: [
      { title: '建议县城增设公共充电桩', detail: '县城电动汽车越来越多，但公共充电桩很少，经常要排队。建议在公共停车场、加油站和小区周边增设充电桩。' },
      { title: '建议在{community}附近建设口袋公园', detail: '{community}周边没有休闲活动的地方，老人孩子只能在马路边活动。建议利用边角空地建设口袋公园，配置健身器材。' },
    ],
    answers: [
      '具体办理流程请咨询县政务服务中心相关窗口，也可以通过政务服务网在线查询办事指南。',
    ],
  },
};

/** Share of each type among messages. */
const TYPE_WEIGHTS: Record<MessageType, number> = { complaint: 38, help: 17, consultation: 26, suggestion: 19 };

const OPENINGS = ['', '', '领导您好，', '您好，', '尊敬的领导：您好！', '我是{town}的居民，', '本人家住{region}，'];
const SINCE = ['这个问题已经持续{duration}了，', '已经{duration}了，', '到现在已经{duration}，', ''];
const IMPACTS = [
  '周边群众意见很大。', '给附近居民的生活带来很大不便。', '存在很大的安全隐患，万一出了事后果不堪设想。',
  '群众反映强烈，大家都盼着早日解决。', '老人和孩子受影响最大。', '',
];
const TRIED = [
  '之前打过12345热线，答复说会处理，但一直没有下文。', '我们向社区和物业反映过多次，都说不归他们管。',
  '向村委会和镇里反映过，至今没有解决。', '之前也在网上反映过，一直没人管。', '',
];
const HARDSHIP = ['家里实在没有办法了，', '我们老百姓实在等不起，', '走投无路之下只能给领导留言，', ''];
const CLOSINGS = ['谢谢！', '恳请领导重视。', '希望尽快给个答复。', '盼复。', '', ''];
const SUGGESTION_OPENINGS = ['我是一名普通群众，', '作为{town}的居民，', '我是一名退休教师，', '我在县城做生意多年，', ''];
const SUGGESTION_CLOSINGS = ['以上建议供参考。', '希望领导考虑。', '谢谢！', ''];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林', '郑', '梁', '谢', '唐', '许', '冯', '宋', '韩', '邓', '彭', '曹', '曾', '田', '萧', '潘', '袁', '蒋', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建国', '建华', '志强', '海燕', '晓东', '玉兰', '德福', '春梅', '永福', '文静', '宏伟', '淑珍', '国庆', '红梅', '俊杰', '子涵', '雨轩', '浩然'];
const MAIL_HOSTS = ['qq.com', '163.com', '126.com', 'sina.com', 'outlook.com'];

const REJECT_REASONS = [
  '含有不文明用语，请修改后重新提交', '与本平台受理范围无关，请向有关部门反映', '内容重复提交，已合并处理',
  '涉及他人隐私信息，请修改后重新提交', '留言内容不完整，无法办理，请补充具体地点和情况后重新提交',
];
const EXTENSION_REASONS = [
  '需会同多个部门现场核查，无法在规定时限内办结，申请延期。', '需等待检测结果，申请延长办理时限。',
  '涉及资金安排，需提请县政府研究，申请延长办理时限。', '需进一步调查取证，申请延期办理。',
];
const RATING_REASONS = ['问题只解决了一部分，希望继续跟进。', '回复很及时，但是问题还没有真正解决。', '答复太笼统，没有说清楚什么时候解决。'];

// ───────────────────────────── randomness ─────────────────────────────

/** A small seeded generator (mulberry32): the same `--seed` gives the same texts and timelines. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (min: number, max: number) => min + next() * (max - min);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
    return items.at(-1)!;
  };
  return { next, between, pick, weighted, chance: (p: number) => next() < p, int: (min: number, max: number) => Math.floor(between(min, max + 1)) };
}
type Random = ReturnType<typeof randomSource>;

// ───────────────────────────── composing a message ─────────────────────────────

interface Unit { id: string; name: string; kind: string }

interface Site {
  id: string;
  county: string;
  deadlines: Record<string, number>;
  domains: Domain[];
  types: MessageType[];
  origin: string | null;
  leaders: Unit[];
  departments: Unit[];
}

/** The places one message is about, so that its title, body and region agree. */
function placesFor(random: Random, site: Site, templates: string): Record<string, string> {
  const text = templates;
  const town = text.includes('{village}') ? random.pick(RURAL_TOWNS)
    : text.includes('{community}') || text.includes('{road}') || text.includes('{hospital}') ? '城关镇'
      : random.weighted(TOWNS, TOWN_WEIGHTS);
  const inCountyTown = town === '城关镇';
  const village = random.pick(VILLAGES);
  const community = random.pick(COMMUNITIES);
  const road = random.pick(ROADS);
  const road2 = random.pick(ROADS.filter((r) => r !== road));
  const sub = inCountyTown ? (random.chance(0.5) ? community : '') : town === '经济开发区' ? '' : random.chance(0.6) ? village : '';
  return {
    county: site.county,
    town,
    town2: random.pick(TOWNS.filter((t) => t !== town && t !== '经济开发区')),
    village,
    community,
    road,
    road2,
    school: inCountyTown ? random.pick(TOWN_SCHOOLS) : random.pick([`${town}中心小学`, `${town}中学`]),
    hospital: inCountyTown ? random.pick(TOWN_HOSPITALS) : `${town}卫生院`,
    company: random.pick(COMPANIES),
    scenic: random.pick(SCENIC),
    river: random.pick(RIVERS),
    duration: random.pick(DURATIONS),
    building: random.pick(BUILDINGS),
    count: random.pick(COUNTS),
    region: `${site.county}${town}${text.includes('{village}') ? village : text.includes('{community}') ? community : sub}`,
  };
}

const fill = (template: string, places: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => places[key] ?? whole);

interface Composed { domain: Domain; type: MessageType; title: string; body: string; region: string; topic: Topic }

function compose(random: Random, site: Site): Composed {
  const domain = random.weighted(site.domains, site.domains.map((d) => DOMAINS[d].weight));
  const topics = DOMAINS[domain];
  const type = random.weighted(site.types, site.types.map((t) => TYPE_WEIGHTS[t]));
  const topic = random.pick(type === 'consultation' ? topics.questions : type === 'suggestion' ? topics.proposals : topics.problems);
  const places = placesFor(random, site, `${topic.title}${topic.detail}${topic.ask ?? ''}`);
  let body: string;
  if (type === 'complaint') {
    body = random.pick(OPENINGS) + topic.detail + random.pick(SINCE) + random.pick(IMPACTS) + random.pick(TRIED) + (topic.ask ?? '') + random.pick(CLOSINGS);
  } else if (type === 'help') {
    body = random.pick(OPENINGS) + topic.detail + random.pick(HARDSHIP) + (topic.ask ?? '') + random.pick(['恳请领导帮帮我们！', '谢谢领导！', '']);
  } else if (type === 'consultation') {
    body = random.pick(['', '您好，', '领导您好，']) + topic.detail + random.pick(['谢谢！', '盼复，谢谢。', '']);
  } else {
    body = random.pick(SUGGESTION_OPENINGS) + topic.detail + random.pick(SUGGESTION_CLOSINGS);
  }
  let title = fill(topic.title, places);
  if (type === 'help' && !/求助|恳请|帮/.test(title) && random.chance(0.6)) title += random.pick(['，恳请帮助', '求助', '望帮忙解决']);
  return { domain, type, title: title.slice(0, 50), body: fill(body, places), region: places.region!, topic };
}

/** The departments whose names hold any of some words, per site: found once, not per message (a national tree has ~90,000). */
const departmentsByWords = new WeakMap<Site, Map<string, Unit[]>>();

/** The department that handles a topic (by words of its name), else one of the leaders. */
function handlerOf(random: Random, site: Site, domain: Domain, topic: Topic): Unit {
  const words = topic.unit ?? DOMAINS[domain].unit;
  let bySite = departmentsByWords.get(site);
  if (!bySite) departmentsByWords.set(site, bySite = new Map());
  let matching = bySite.get(words.join('|'));
  if (!matching) bySite.set(words.join('|'), matching = site.departments.filter((u) => words.some((w) => u.name.includes(w))));
  if (matching.length > 0) return random.pick(matching);
  return random.pick(site.leaders.length > 0 ? site.leaders : site.departments);
}

function authorName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN);
}

function phoneNumber(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

// ───────────────────────────── a message's history ─────────────────────────────

type Event = Omit<NewMessageEvent, 'message_id'>;
interface ReplyRow { id: string; unit_id: string; kind: 'interim' | 'final'; body: string; created_at: string }
interface RatingRow { overall: number; resolution: number; attitude: number; speed: number; reason: string | null; created_at: string }

interface Planned {
  message: Omit<NewMessage, 'author_name_enc' | 'author_phone_enc' | 'author_email_enc' | 'tracking_hash'>;
  author: { name: string; phone: string; email: string | null };
  events: Event[];
  replies: ReplyRow[];
  rating: RatingRow | null;
}

/** An instant during office hours (08:30–17:30 local) on the day of `t`, or the next day if that is past. */
function officeHours(random: Random, t: number): number {
  const local = new Date(t + 8 * HOUR_MS);
  const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * HOUR_MS;
  const inDay = dayStart + (8.5 + random.next() * 9) * HOUR_MS;
  return inDay >= t ? inDay : inDay + DAY_MS;
}

const CHECKED = [
  '我们高度重视，第一时间安排工作人员到现场核实情况。', '收到留言后，我们立即会同属地镇（乡）政府进行了调查核实。',
  '经调查核实，您反映的情况基本属实。', '我们已安排专人进行了调查核实。', '',
];
const SUGGESTION_REPLIES = [
  '您的建议很有针对性，我们已会同相关部门进行了研究，将结合实际纳入下一阶段工作计划统筹推进。',
  '经研究，您的建议与我们正在推进的工作方向一致，部分措施已在试点，下一步将总结经验逐步推开。',
  '您的建议涉及规划和资金安排，我们已将其列入年度重点调研课题，条件成熟时将逐步实施。',
  '经研究，受现有条件限制，您的建议暂时难以全面实施，我们将在编制相关规划时予以充分考虑。',
];

function replyBody(random: Random, c: Composed, kind: 'interim' | 'final', county: string): string {
  const subject = `“${c.title}”`;
  if (kind === 'interim') {
    return `您好！您反映的${subject}问题已收悉。${random.pick([
      '我们已安排专人调查核实，目前正在办理中，', '我们已会同相关部门到现场查看，正在研究解决方案，',
      '该问题涉及多个部门，我们正在协调推进，',
    ])}办理结果将另行回复。感谢您的理解和支持！`;
  }
  const thanks = `感谢您对${county}工作的关心和支持！`;
  if (c.type === 'consultation') {
    return `您好！关于您咨询的${subject}，现答复如下：${random.pick(DOMAINS[c.domain].answers)}如有疑问，可在工作日与我们联系。${thanks}`;
  }
  if (c.type === 'suggestion') {
    return `您好！感谢您提出的${subject}。${random.pick(SUGGESTION_REPLIES)}${random.pick(['欢迎您继续为我县发展建言献策。', '如有其他意见和建议，欢迎继续留言。'])}`;
  }
  return `您好！您反映的${subject}问题已收悉。${random.pick(CHECKED)}${c.topic.done ?? ''}如有疑问，可在工作日与我们联系。${thanks}`;
}

/**
 * A message submitted at `createdAt` and everything that happened to it by `now`: moderation, then
 * (unless rejected) acceptance, perhaps a transfer or an extension, replies, closing and a rating.
 * Its status is whatever stage it has reached at `now`, so old messages are mostly answered and the
 * newest are awaiting; a few are never accepted or stall, and end up overdue.
 */
function plan(random: Random, site: Site, createdAt: number, now: number): Planned {
  const c = compose(random, site);
  const handler = handlerOf(random, site, c.domain, c.topic);
  // People often write to a leader; the leader's office passes it to the department.
  const addressedTo = handler.kind !== 'leader' && site.leaders.length > 0 && random.chance(0.18) ? random.pick(site.leaders) : handler;
  const name = authorName(random);
  const displayAs = random.pick(['masked', 'masked', 'mr', 'ms'] as const);
  const isPublic = random.chance(0.86);
  const deadlineDays = site.deadlines[c.type] ?? 7;
  let dueAt = dueAfterWorkingDays(new Date(createdAt), deadlineDays, weekdaysOnly);

  const events: Event[] = [];
  const replies: ReplyRow[] = [];
  let rating: RatingRow | null = null;
  const iso = (t: number) => new Date(t).toISOString();
  const add = (kind: string, t: number, extra: Partial<Event> = {}) => {
    if (t <= now) events.push({ kind, created_at: iso(t), unit_id: null, from_unit_id: null, account_id: null, note: null, is_public: 1, ...extra });
  };
  add('submitted', createdAt, { unit_id: addressedTo.id });

  const decidedAt = createdAt + random.between(1, 30) * HOUR_MS;
  const outcome = random.weighted(['published', 'rejected', 'hidden'] as const, [95, 3.5, 1.5]);
  let moderation: NewMessage['moderation'] = decidedAt > now ? 'pending' : outcome;
  let status: NewMessage['status'] = 'submitted';
  let unit = addressedTo;
  let publishedAt: string | null = null;
  let firstRepliedAt: string | null = null;
  let closedAt: string | null = null;

  if (moderation === 'rejected') {
    add('rejected', decidedAt, { is_public: 0, note: random.pick(REJECT_REASONS) });
  } else if (moderation !== 'pending') {
    add('published', decidedAt);
    publishedAt = iso(decidedAt);
    const hiddenAt = decidedAt + random.between(1, 20) * DAY_MS;
    if (outcome === 'hidden' && hiddenAt <= now) add('hidden', hiddenAt, { is_public: 0 });
    else moderation = 'published';
  }

  // Handling starts once the message is through moderation (pending ones wait for it).
  const handled = moderation !== 'rejected' && moderation !== 'pending' && !random.chance(0.012);
  if (handled) {
    const acceptedAt = officeHours(random, decidedAt + random.between(0.1, 2.5) * DAY_MS);
    if (acceptedAt <= now) status = 'accepted';
    add('accepted', acceptedAt, { unit_id: unit.id });
    let startedAt = acceptedAt + random.between(0.5, 3) * DAY_MS;
    if (unit.id !== handler.id || random.chance(0.03)) {
      const to = unit.id !== handler.id ? handler : random.pick(site.departments.filter((d) => d.id !== unit.id).concat(handler));
      if (to.id !== unit.id) {
        const transferredAt = officeHours(random, acceptedAt + random.between(0.3, 2) * DAY_MS);
        add('transferred', transferredAt, {
          unit_id: to.id, from_unit_id: unit.id,
          note: `该留言反映的问题属${to.name}职责范围，转${to.name}办理。`,
        });
        if (transferredAt <= now) unit = to;
        startedAt = Math.max(startedAt, transferredAt);
      }
    }
    if (startedAt <= now) status = 'in_progress';

    const stalls = random.chance(0.015);
    const lateness = random.chance(0.15) ? random.between(1.05, 2.5) : random.between(0.25, 0.95);
    let answeredAt = officeHours(random, createdAt + deadlineDays * 1.4 * lateness * DAY_MS);
    if (random.chance(0.05)) {
      const extendedAt = officeHours(random, Math.max(startedAt, Date.parse(dueAt) - random.between(1, 3) * DAY_MS));
      const extra = random.int(5, 15);
      add('extended', extendedAt, { unit_id: unit.id, note: random.pick(EXTENSION_REASONS) });
      if (extendedAt <= now) dueAt = dueAfterWorkingDays(new Date(dueAt), extra, weekdaysOnly);
      answeredAt = Math.max(answeredAt, extendedAt + random.between(2, extra * 1.4) * DAY_MS);
    }
    answeredAt = Math.max(answeredAt, officeHours(random, startedAt + random.between(0.5, 3) * DAY_MS));
    const reply = (kind: 'interim' | 'final', at: number) => {
      if (at > now) return;
      add('replied', at, { unit_id: unit.id });
      replies.push({ id: newId('r'), unit_id: unit.id, kind, body: replyBody(random, c, kind, site.county), created_at: iso(at) });
      firstRepliedAt ??= iso(at);
    };
    const interimAt = officeHours(random, startedAt + random.between(0.5, 4) * DAY_MS);
    if (stalls || (random.chance(0.2) && interimAt < answeredAt - DAY_MS)) reply('interim', interimAt);
    if (!stalls && answeredAt <= now) {
      reply('final', answeredAt);
      status = 'replied';
      const closes = random.chance(0.7) ? officeHours(random, answeredAt + random.between(1, 10) * DAY_MS) : Infinity;
      if (closes <= now) {
        add('closed', closes, { unit_id: unit.id });
        status = 'closed';
        closedAt = iso(closes);
        const ratedAt = closes + random.between(0.2, 5) * DAY_MS;
        if (random.chance(0.45) && ratedAt <= now) {
          const overall = random.weighted([5, 4, 3, 2, 1], [55, 25, 10, 6, 4]);
          const near = () => Math.min(5, Math.max(1, overall + random.weighted([0, 1, -1], [70, 15, 15])));
          add('rated', ratedAt);
          rating = {
            overall, resolution: near(), attitude: Math.min(5, near() + 1), speed: near(),
            reason: overall <= 3 ? random.pick(RATING_REASONS) : null, created_at: iso(ratedAt),
          };
        }
      }
    }
  }
  events.sort((a, b) => a.created_at.localeCompare(b.created_at));
  // Replies are made in time order: the last is the one the message row keeps for the board's card.
  const latestReply = replies.at(-1);
  const supporters = moderation === 'published' && isPublic
    ? Math.floor(-Math.log(1 - random.next()) * 3) + (random.chance(0.02) ? random.int(20, 200) : 0)
    : 0;
  return {
    message: {
      id: newId('m'),
      site_id: site.id,
      unit_id: unit.id,
      campaign_id: null,
      type: c.type,
      domain: c.domain,
      title: c.title,
      body: c.body,
      region: c.region,
      display_name: displayName(name, displayAs),
      is_public: isPublic ? 1 : 0,
      moderation,
      moderation_reason: moderation === 'rejected' ? events.find((e) => e.kind === 'rejected')?.note ?? null : null,
      status,
      source_origin: site.origin,
      due_at: dueAt,
      support_count: supporters,
      reply_count: replies.length,
      created_at: iso(createdAt),
      updated_at: events.at(-1)!.created_at,
      published_at: publishedAt,
      first_replied_at: firstRepliedAt,
      closed_at: closedAt,
      ...(latestReply ? latestReplyColumns(latestReply) : {}),
    },
    author: {
      name,
      phone: phoneNumber(random),
      email: random.chance(0.3) ? `${random.pick(['user', 'sfx', 'mail', 'cn'])}${random.int(1000, 999_999)}@${random.pick(MAIL_HOSTS)}` : null,
    },
    events,
    replies,
    rating,
  };
}

// ───────────────────────────── writing ─────────────────────────────

/**
 * Rows per INSERT: the statements are written out with their values in them (no bound parameters),
 * so the limit that matters is D1's 100 KB per statement; stay well under it.
 */
const STATEMENT_BYTES = 50_000;

function grouped<T extends object>(rows: T[]): T[][] {
  const out: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(Object.values(row)));
    if (group.length > 0 && bytes + size > STATEMENT_BYTES) {
      out.push(group);
      group = [];
      bytes = 0;
    }
    group.push(row);
    bytes += size;
  }
  if (group.length > 0) out.push(group);
  return out;
}

async function loadSite(db: SiteDatabase, siteId: string): Promise<Site> {
  const row = await db.first(db.q.selectFrom('sites').select(['id', 'name', 'types', 'domains', 'deadline_days', 'allowed_origins']).where('id', '=', siteId));
  if (!row) throw new Error(`site "${siteId}" does not exist in this D1: start \`npm run dev\` once (it seeds the demo site), or pass --site`);
  const units = await db.all(db.q.selectFrom('units').select(['id', 'name', 'kind']).where('site_id', '=', siteId).where('active', '=', 1).orderBy('sort_order'));
  if (units.length === 0) throw new Error(`site "${siteId}" has no active units to address messages to`);
  const leaders = units.filter((u) => u.kind === 'leader');
  const departments = units.filter((u) => u.kind !== 'leader');
  const known = new Set(Object.keys(DOMAINS));
  const domains = (JSON.parse(row.domains) as string[]).filter((d): d is Domain => known.has(d));
  const types = (JSON.parse(row.types) as string[]).filter((t): t is MessageType => t in TYPE_WEIGHTS);
  return {
    id: row.id,
    county: /^(.+?[县市区旗])/.exec(row.name)?.[1] ?? '示范县',
    deadlines: JSON.parse(row.deadline_days) as Record<string, number>,
    domains: domains.length > 0 ? domains : ['other'],
    types: types.length > 0 ? types : ['complaint'],
    origin: (JSON.parse(row.allowed_origins) as string[])[0] ?? null,
    leaders,
    departments: departments.length > 0 ? departments : leaders,
  };
}

export interface LargeSeedOptions {
  siteId?: string;
  /** How many messages to add. */
  messages: number;
  /** Dates run from `from` to `until` in order of insertion. Default: `years` before `until`, and now. */
  from?: Date;
  until?: Date;
  years?: number;
  /** Seed of the texts and timelines (ids, ciphertexts and tracking codes are random anyway). */
  seed?: number;
  onProgress?: (progress: LargeSeedProgress) => void;
}

export interface LargeSeedProgress { written: number; total: number; seconds: number; messagesPerSecond: number }

export interface LargeSeedResult {
  siteId: string;
  messages: number;
  /** Rows written, by table. */
  rows: { messages: number; search: number; events: number; replies: number; ratings: number };
  statements: number;
  /** exec() calls, one transaction each. */
  chunks: number;
  seconds: number;
  messagesPerSecond: number;
}

/** A value as an SQLite literal. Line breaks become char(10)/char(13): D1's exec() takes one statement per line. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as SQL`);
    return String(value);
  }
  if (typeof value !== 'string') throw new Error(`cannot write a ${typeof value} as SQL`);
  return `'${value.replaceAll("'", "''")}'`.replace(/\r?\n|\r/g, (br) => `' || ${br === '\r' ? 'char(13)' : br === '\n' ? 'char(10)' : 'char(13, 10)'} || '`);
}

/** Kysely's statements with their parameters written in, one statement per line. */
function inlined(statements: Compilable<unknown>[]): string {
  return statements.map((statement) => {
    const { sql, parameters } = statement.compile();
    // None of these statements has a literal `?` of its own, so every `?` is a parameter.
    const parts = sql.split('?');
    if (parts.length !== parameters.length + 1) throw new Error(`unexpected placeholders in: ${sql}`);
    return parts.reduce((out, part, i) => out + literal(parameters[i - 1]) + part);
  }).join(';\n') + ';';
}

/**
 * Adds `options.messages` generated messages to an existing site of `d1`, CHUNK_MESSAGES at a time,
 * each chunk one `exec()` (a single transaction: messages, search entries, events, replies, ratings).
 */
export async function seedLargeMessages(d1: D1Database, keys: SeedKeys, options: LargeSeedOptions): Promise<LargeSeedResult> {
  const db = siteDatabaseOn(d1);
  const siteId = options.siteId ?? 'demo';
  const site = await loadSite(db, siteId);
  const until = (options.until ?? new Date()).getTime();
  const from = options.from?.getTime() ?? until - (options.years ?? 3) * 365.25 * DAY_MS;
  if (!(from < until)) throw new Error('`from` must be before `until`');
  const now = Date.now();
  const random = randomSource(options.seed ?? 1);
  const cipher: Cipher = await createCipher(keys.DATA_KEY);
  const total = options.messages;
  const rows = { messages: 0, search: 0, events: 0, replies: 0, ratings: 0 };
  let statements = 0;
  let chunks = 0;
  const started = performance.now();

  const build = async (first: number, count: number): Promise<Compilable<unknown>[]> => {
    const planned: Planned[] = [];
    for (let i = first; i < first + count; i++) {
      // Evenly spread and strictly increasing, so seq follows created_at.
      const createdAt = Math.floor(from + ((i + random.between(0.05, 0.95)) / total) * (until - from));
      planned.push(plan(random, site, createdAt, now));
    }
    const messages: NewMessage[] = await Promise.all(planned.map(async ({ message, author }) => ({
      ...message,
      author_name_enc: await cipher.encrypt(author.name, `${message.id}:name`),
      author_phone_enc: await cipher.encrypt(author.phone, `${message.id}:phone`),
      author_email_enc: author.email ? await cipher.encrypt(author.email, `${message.id}:email`) : null,
      // The code is shown once to its author; nobody will ever type these, so only their hashes exist.
      tracking_hash: await trackingCodeHash(keys.HASH_KEY, site.id, normalizeTrackingCode(newTrackingCode())!),
    })));
    const events = planned.flatMap((p) => p.events.map((e) => ({ ...e, message_id: p.message.id })));
    const replies = planned.flatMap((p) => p.replies.map((r) => ({ ...r, message_id: p.message.id, account_id: null })));
    const ratings = planned.flatMap((p) => (p.rating ? [{ ...p.rating, message_id: p.message.id }] : []));
    rows.messages += messages.length;
    rows.search += messages.length;
    rows.events += events.length;
    rows.replies += replies.length;
    rows.ratings += ratings.length;
    return [
      ...grouped(messages).map((part) => db.q.insertInto('messages').values(part)),
      ...messages.map((m) => indexForSearch(db, m.id, m.title, m.body)),
      ...grouped(events).map((part) => db.q.insertInto('message_events').values(part)),
      ...grouped(replies).map((part) => db.q.insertInto('replies').values(part)),
      ...grouped(ratings).map((part) => db.q.insertInto('ratings').values(part)),
    ];
  };

  // Build the next chunk while workerd writes the previous one (two processes, two cores).
  let writing: Promise<void> = Promise.resolve();
  let reported = 0;
  for (let first = 0; first < total; first += CHUNK_MESSAGES) {
    const count = Math.min(CHUNK_MESSAGES, total - first);
    const chunk = await build(first, count);
    const sqlText = inlined(chunk);
    await writing;
    statements += chunk.length;
    chunks++;
    writing = d1.exec(sqlText).then(() => {
      const written = first + count;
      const seconds = (performance.now() - started) / 1000;
      if (options.onProgress && (written - reported >= total / 20 || written === total)) {
        reported = written;
        options.onProgress({ written, total, seconds, messagesPerSecond: written / seconds });
      }
    });
  }
  await writing;
  const seconds = (performance.now() - started) / 1000;
  return { siteId, messages: total, rows, statements, chunks, seconds: Number(seconds.toFixed(1)), messagesPerSecond: Math.round(total / seconds) };
}

/** Opens the local D1 (wrangler's default state, or `persistTo` as `wrangler dev --persist-to`) and seeds it. */
export async function seedLarge(options: LargeSeedOptions & { persistTo?: string; keys?: SeedKeys }): Promise<LargeSeedResult> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(root, 'wrangler.toml'),
    persist: options.persistTo ? { path: path.join(options.persistTo, 'v3') } : true,
  });
  try {
    return await seedLargeMessages(proxy.env.DB, options.keys ?? ensureDevVars(), options);
  } finally {
    await proxy.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '100000' },
      site: { type: 'string', default: 'demo' },
      'persist-to': { type: 'string' },
      years: { type: 'string', default: '3' },
      seed: { type: 'string' },
    },
  });
  const messages = Number(values.messages);
  if (!Number.isSafeInteger(messages) || messages < 1) throw new Error('--messages must be a positive whole number');
  const persistTo = values['persist-to'] ? path.resolve(values['persist-to']) : undefined;
  console.log(`Adding ${messages.toLocaleString('en')} messages to site "${values.site}" in ${persistTo ?? '.wrangler/state'} …`);
  const result = await seedLarge({
    messages, siteId: values.site, persistTo, years: Number(values.years),
    seed: values.seed ? Number(values.seed) : randomBytes(4).readUInt32LE(),
    onProgress: (p) => console.log(`  ${p.written.toLocaleString('en').padStart(9)} / ${p.total.toLocaleString('en')}  ` +
      `${p.seconds.toFixed(1).padStart(6)} s  ${Math.round(p.messagesPerSecond).toLocaleString('en')} messages/s`),
  });
  const r = result.rows;
  console.log(`Done: ${result.messages.toLocaleString('en')} messages in ${result.seconds} s (${result.messagesPerSecond.toLocaleString('en')} messages/s); ` +
    `rows: ${r.messages} messages, ${r.search} search entries, ${r.events} events, ${r.replies} replies, ${r.ratings} ratings; ` +
    `${result.statements} statements in ${result.chunks} transactions.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
