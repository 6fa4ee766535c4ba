//! A seeded corpus of YAML target documents for the speed benchmark (`scripts/bench`), shaped
//! like a reviewer's batch: department files of 50 projects each, 5–6 indicator rows per
//! project, about two thirds of the rows copied from template indicators that travel across
//! projects of different fields (some with small edits), every defect family present at a few
//! percent, about 70 KB per file.
//!
//! `cargo run --release --example gen_corpus -- --projects 10000 --out DIR [--seed 1]
//! [--per-file 50]`. The same arguments give the same bytes. DIR is created; files already
//! in it named `dept-*.yaml` are replaced, nothing else is touched.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// A field of work: its department, project subjects, uses of funds, goals and own indicator
/// rows (level1, level2, level3, description, value; `{n}` is replaced by a number).
struct Field {
    department: &'static str,
    subjects: &'static [&'static str],
    purposes: &'static [&'static str],
    goals: &'static [&'static str],
    rows: &'static [Row],
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const FIELDS: &[Field] = &[
    Field {
        department: "民政局",
        subjects: &[
            "高龄老人生活补贴",
            "特困人员供养",
            "城乡低保资金",
            "居家养老服务补助",
            "孤儿基本生活保障",
            "残疾人两项补贴",
            "临时救助资金",
        ],
        purposes: &[
            "按月向80周岁以上老人发放高龄生活补贴",
            "保障特困人员基本生活",
            "按标准发放城乡低保金",
            "购买居家养老上门服务",
        ],
        goals: &[
            "全年按月足额发放补贴，惠及全县约{n}名困难群众",
            "补贴发放准确率100%，服务对象满意度不低于90%",
            "年底前完成{n}户低保对象动态核查",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "享受补贴的高龄老人人数",
                "年度内按月领取高龄津贴的80周岁以上老人人数",
                "≥{n}人",
            ),
            (
                "产出指标",
                "数量指标",
                "低保对象覆盖户数",
                "纳入城乡低保保障范围的困难家庭户数",
                "≥{n}户",
            ),
            (
                "产出指标",
                "质量指标",
                "特困供养对象核查准确率",
                "特困供养对象资格核查结果与实际情况相符的比例",
                "≥98%",
            ),
            ("产出指标", "时效指标", "每月补贴发放日", "", "≤每月15日"),
            (
                "效益指标",
                "社会效益指标",
                "困难群众基本生活保障率",
                "符合条件的困难群众得到基本生活保障的比例",
                "≥95%",
            ),
            ("产出指标", "成本指标", "人均补助标准", "", "≤{n}元/人·月"),
        ],
    },
    Field {
        department: "人力资源和社会保障局",
        subjects: &[
            "企业养老扩面补贴",
            "城乡居民养老保险经办",
            "社保卡发放服务",
            "退休人员指纹认证",
            "失业保险稳岗返还",
        ],
        purposes: &[
            "支付社保经办和扩面征缴工作经费",
            "完成领取待遇人员年度资格认证",
            "发放第三代社保卡",
        ],
        goals: &[
            "全年新增企业职工参保{n}人",
            "完成{n}名退休人员待遇资格认证",
            "养老金按月足额发放",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "新增企业职工参保人数",
                "当年新增企业职工养老保险参保人数",
                "≥{n}人",
            ),
            (
                "产出指标",
                "数量指标",
                "指纹认证人数",
                "完成领取待遇人员年度指纹认证人数",
                "≥{n}人",
            ),
            (
                "产出指标",
                "质量指标",
                "养老金发放准确率",
                "养老金按标准足额发放到人的比例",
                "=100%",
            ),
            (
                "效益指标",
                "社会效益指标",
                "城乡居民养老保险参保率",
                "适龄城乡居民参加养老保险的比例",
                "≥95%",
            ),
            (
                "产出指标",
                "时效指标",
                "社保卡发放完成时间",
                "",
                "2025年10月底前",
            ),
        ],
    },
    Field {
        department: "教育局",
        subjects: &[
            "义务教育学校校舍维修改造",
            "农村学生营养改善计划",
            "学前教育幼儿资助",
            "普通高中助学金",
            "中小学教师培训",
        ],
        purposes: &[
            "改造农村中小学老旧校舍",
            "为义务教育阶段学生提供营养餐",
            "发放家庭经济困难学生助学金",
        ],
        goals: &[
            "年底前完成{n}平方米校舍改造",
            "保障{n}名在校学生营养餐供应",
            "义务教育巩固率达到98%以上",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "校舍改造面积",
                "当年完成维修改造的中小学校舍建筑面积",
                "≥{n}平方米",
            ),
            (
                "产出指标",
                "数量指标",
                "享受营养餐的在校生人数",
                "",
                "≥{n}人",
            ),
            (
                "产出指标",
                "质量指标",
                "校舍改造工程验收合格率",
                "校舍改造工程一次性验收合格的比例",
                "=100%",
            ),
            (
                "效益指标",
                "社会效益指标",
                "义务教育巩固率",
                "九年义务教育阶段学生巩固率",
                "≥98%",
            ),
            (
                "产出指标",
                "成本指标",
                "生均营养餐补助标准",
                "",
                "≤5元/人·天",
            ),
        ],
    },
    Field {
        department: "卫生健康局",
        subjects: &[
            "基本公共卫生服务",
            "计划生育特别扶助",
            "适龄儿童疫苗接种",
            "家庭医生签约服务",
            "乡村医生补助",
        ],
        purposes: &[
            "为城乡居民免费提供基本公共卫生服务",
            "发放独生子女家庭特别扶助金",
            "开展国家免疫规划疫苗接种",
        ],
        goals: &[
            "全年为{n}名居民建立电子健康档案",
            "适龄儿童国家免疫规划疫苗接种率达到90%以上",
            "按时足额发放{n}户计生家庭扶助金",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "居民电子健康档案建档人数",
                "辖区常住居民建立规范化电子健康档案的人数",
                "≥{n}人",
            ),
            (
                "产出指标",
                "质量指标",
                "适龄儿童疫苗接种率",
                "适龄儿童国家免疫规划疫苗全程接种率",
                "≥90%",
            ),
            (
                "产出指标",
                "数量指标",
                "慢性病患者规范管理人数",
                "高血压和糖尿病患者纳入规范管理的人数",
                "≥{n}人",
            ),
            (
                "效益指标",
                "社会效益指标",
                "孕产妇系统管理率",
                "辖区孕产妇接受系统管理的比例",
                "≥90%",
            ),
            (
                "产出指标",
                "数量指标",
                "计划生育扶助对象人数",
                "独生子女伤残死亡家庭特别扶助对象人数",
                "{n}人",
            ),
        ],
    },
    Field {
        department: "文化广电和旅游局",
        subjects: &[
            "农村公益电影放映",
            "送戏下乡文艺演出",
            "公共图书馆免费开放",
            "非物质文化遗产保护",
            "全民健身活动",
        ],
        purposes: &[
            "组织农村公益电影放映",
            "组织文艺团体开展送戏下乡演出",
            "保障图书馆文化馆免费开放",
        ],
        goals: &[
            "全年放映公益电影{n}场",
            "开展送戏下乡演出{n}场次",
            "图书馆全年接待读者{n}人次",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "公益电影放映场次",
                "当年公益电影放映任务完成场次",
                "≥{n}场",
            ),
            (
                "产出指标",
                "数量指标",
                "送戏下乡演出场次",
                "组织文艺团体送戏下乡演出的场次",
                "≥{n}场次",
            ),
            (
                "产出指标",
                "数量指标",
                "图书借阅人次",
                "公共图书馆全年图书借阅人次",
                "≥{n}人次",
            ),
            ("效益指标", "社会效益指标", "农家书屋开放率", "", "≥95%"),
            (
                "产出指标",
                "质量指标",
                "文物保护单位安全检查覆盖率",
                "辖区文物保护单位安全检查的覆盖比例",
                "=100%",
            ),
        ],
    },
    Field {
        department: "农业农村局",
        subjects: &[
            "高标准农田建设",
            "动物防疫补助",
            "耕地地力保护补贴",
            "农机购置补贴",
            "农民专业合作社扶持",
        ],
        purposes: &[
            "建设高标准农田",
            "开展重大动物疫病强制免疫",
            "发放耕地地力保护补贴",
        ],
        goals: &[
            "年内新建高标准农田{n}亩",
            "牲畜强制免疫密度达到90%以上",
            "补贴资金按时发放到{n}户农户",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "新建高标准农田面积",
                "当年新建成并通过验收的高标准农田面积",
                "≥{n}亩",
            ),
            (
                "产出指标",
                "质量指标",
                "牲畜强制免疫密度",
                "应免牲畜重大动物疫病强制免疫的比例",
                "≥90%",
            ),
            (
                "产出指标",
                "数量指标",
                "耕地地力保护补贴发放户数",
                "",
                "≥{n}户",
            ),
            (
                "效益指标",
                "经济效益指标",
                "项目区粮食产量增加",
                "项目区粮食亩产较上年增加量",
                "≥{n}公斤/亩",
            ),
            ("效益指标", "可持续影响指标", "耕地保护面积", "", "≥{n}亩"),
        ],
    },
    Field {
        department: "交通运输局",
        subjects: &[
            "农村公路养护",
            "县乡道路安全生命防护工程",
            "危桥改造",
            "城乡公交运营补贴",
            "公路路政管理",
        ],
        purposes: &[
            "开展农村公路日常养护",
            "实施县乡道安全生命防护工程",
            "改造危旧桥梁",
        ],
        goals: &[
            "全年养护农村公路{n}公里",
            "完成{n}座危桥改造",
            "农村公路优良中等路率达到80%以上",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "农村公路养护里程",
                "当年纳入日常养护的农村公路里程",
                "≥{n}公里",
            ),
            ("产出指标", "数量指标", "危桥改造座数", "", "{n}座"),
            (
                "产出指标",
                "质量指标",
                "公路优良中等路率",
                "农村公路技术状况评定为优良中等的比例",
                "≥80%",
            ),
            (
                "效益指标",
                "社会效益指标",
                "群众出行条件改善",
                "",
                "明显改善",
            ),
            (
                "产出指标",
                "时效指标",
                "工程完工时间",
                "",
                "2025年11月30日前",
            ),
        ],
    },
    Field {
        department: "生态环境分局",
        subjects: &[
            "大气污染防治",
            "扬尘治理雾炮车购置",
            "农村污水处理设施运维",
            "环境监测能力建设",
            "秸秆禁烧巡查",
        ],
        purposes: &[
            "购置雾炮车开展扬尘治理",
            "运维农村污水处理设施",
            "开展空气质量自动监测",
        ],
        goals: &[
            "全年空气质量优良天数比例达到80%",
            "完成{n}个村污水处理设施运维",
            "重点区域扬尘治理全覆盖",
        ],
        rows: &[
            ("产出指标", "数量指标", "雾炮车购置数量", "", "{n}台"),
            (
                "效益指标",
                "生态效益指标",
                "空气质量优良天数比例",
                "全年空气质量优良天数占全年天数的比例",
                "≥80%",
            ),
            (
                "产出指标",
                "数量指标",
                "污水处理设施运维村数",
                "纳入运维管理的农村污水处理设施所在村数",
                "≥{n}个",
            ),
            (
                "效益指标",
                "生态效益指标",
                "污水处理率",
                "农村生活污水有效处理的比例",
                "≥70%",
            ),
            (
                "产出指标",
                "质量指标",
                "污染源在线监测数据有效率",
                "",
                "≥90%",
            ),
        ],
    },
    Field {
        department: "科学技术局",
        subjects: &[
            "科技计划项目",
            "科技成果转化奖励",
            "科普活动经费",
            "专利资助",
            "重点实验室建设",
        ],
        purposes: &[
            "资助科研项目开展课题研究",
            "奖励科技成果转化",
            "开展科普活动",
        ],
        goals: &[
            "全年资助科研项目{n}项",
            "完成结项鉴定{n}项",
            "开展科普活动{n}场次",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "资助科研项目数",
                "当年立项资助的科研项目数量",
                "≥{n}项",
            ),
            (
                "产出指标",
                "质量指标",
                "优良率",
                "结项鉴定优秀等级项目数量占结项总数量的比例（百分比）",
                "≥90",
            ),
            ("产出指标", "数量指标", "科普活动场次", "", "≥{n}场"),
            (
                "效益指标",
                "经济效益指标",
                "科技成果转化项目数",
                "",
                "≥{n}项",
            ),
            (
                "产出指标",
                "数量指标",
                "专利申请数量",
                "资助企业和个人申请发明专利的数量",
                "≥{n}件",
            ),
        ],
    },
    Field {
        department: "林业局",
        subjects: &[
            "森林防火",
            "国土绿化造林",
            "生态护林员补助",
            "林业有害生物防治",
            "湿地保护",
        ],
        purposes: &["开展森林防火巡查", "完成年度造林任务", "发放生态护林员补助"],
        goals: &[
            "全年完成造林{n}亩",
            "聘用生态护林员{n}名",
            "全年无重大森林火灾",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "造林面积",
                "当年完成人工造林和封山育林面积",
                "≥{n}亩",
            ),
            ("产出指标", "数量指标", "生态护林员人数", "", "{n}人"),
            (
                "效益指标",
                "生态效益指标",
                "森林覆盖率",
                "辖区森林面积占土地总面积的比例",
                "≥{n}%",
            ),
            ("效益指标", "可持续影响指标", "森林火灾受害率", "", "≤0.9‰"),
            (
                "产出指标",
                "质量指标",
                "造林成活率",
                "当年造林成活株数占造林总株数的比例",
                "≥85%",
            ),
        ],
    },
    Field {
        department: "住房和城乡建设局",
        subjects: &[
            "城市道路保洁",
            "生活垃圾清运",
            "老旧小区改造",
            "公租房运营维护",
            "城市路灯维护",
        ],
        purposes: &[
            "购买城市道路保洁服务",
            "清运处理城乡生活垃圾",
            "改造老旧小区基础设施",
        ],
        goals: &[
            "全年清运生活垃圾{n}吨",
            "完成{n}个老旧小区改造",
            "城区路灯亮灯率达到98%",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "生活垃圾清运量",
                "全年清运并无害化处理的生活垃圾量",
                "≥{n}吨",
            ),
            ("产出指标", "数量指标", "道路保洁面积", "", "≥{n}万平方米"),
            (
                "产出指标",
                "质量指标",
                "路灯亮灯率",
                "城区道路路灯正常亮灯的比例",
                "≥98%",
            ),
            ("产出指标", "数量指标", "老旧小区改造个数", "", "{n}个"),
            (
                "效益指标",
                "社会效益指标",
                "人居环境改善",
                "城区人居环境整治后群众反映问题减少的比例",
                "≥{n}%",
            ),
        ],
    },
    Field {
        department: "政务服务管理局",
        subjects: &[
            "政务服务中心运行",
            "电子政务网络运维",
            "档案数字化加工",
            "机关事务保障",
            "政务公开",
        ],
        purposes: &[
            "保障政务服务大厅正常运行",
            "运维电子政务外网",
            "开展档案数字化加工",
        ],
        goals: &[
            "全年办理政务服务事项{n}件",
            "完成{n}卷档案数字化",
            "电子政务网络全年稳定运行",
        ],
        rows: &[
            (
                "产出指标",
                "数量指标",
                "政务服务事项办理量",
                "政务服务中心全年受理并办结的事项数量",
                "≥{n}件",
            ),
            ("产出指标", "数量指标", "档案数字化卷数", "", "≥{n}卷"),
            (
                "产出指标",
                "质量指标",
                "电子政务网络可用率",
                "电子政务外网全年正常运行时间占比",
                "≥99.5%",
            ),
            ("效益指标", "社会效益指标", "一网通办事项比例", "", "≥{n}%"),
            (
                "产出指标",
                "时效指标",
                "办件按时办结率",
                "在承诺时限内办结的事项比例",
                "=100%",
            ),
        ],
    },
];

/// Template indicator rows that travel across projects of every field (a department fills its
/// table from last year's or another office's): (level1, level2, level3, description, value).
const TEMPLATES: &[Row] = &[
    (
        "满意度指标",
        "服务对象满意度指标",
        "培训满意率",
        "培训学员通过网络评估系统对培训班满意率",
        "≥90%",
    ),
    (
        "产出指标",
        "时效指标",
        "完成率",
        "当年公益电影放映任务完成情况",
        "≥90%",
    ),
    (
        "产出指标",
        "质量指标",
        "优良率",
        "结项鉴定优秀等级项目数量占结项总数量的比例（百分比）",
        "≥90",
    ),
    (
        "效益指标",
        "社会效益指标",
        "社会影响力",
        "在全国或全省产生的重要影响，得到广大受众的充分认可",
        "≥90%",
    ),
    (
        "产出指标",
        "质量指标",
        "资金使用合规率",
        "项目资金按照财务管理制度规范使用的比例",
        "=100%",
    ),
    (
        "产出指标",
        "时效指标",
        "资金拨付及时率",
        "项目资金在规定时限内拨付到位的比例",
        "≥95%",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "服务对象满意度",
        "服务对象对项目实施情况的满意程度",
        "≥90%",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "长效管理机制健全性",
        "项目建成后形成长效运行管理制度的情况",
        "健全",
    ),
    (
        "产出指标",
        "数量指标",
        "业务培训人次",
        "组织开展业务骨干和基层工作人员培训的人次",
        "≥{n}人次",
    ),
    (
        "产出指标",
        "质量指标",
        "项目验收合格率",
        "项目完成后经主管部门组织验收合格的比例",
        "=100%",
    ),
    (
        "效益指标",
        "社会效益指标",
        "政策宣传覆盖面",
        "通过宣传栏、微信公众号等方式开展政策宣传覆盖的人群比例",
        "≥80%",
    ),
    (
        "产出指标",
        "时效指标",
        "项目完成时间",
        "项目按照年度计划完成全部建设和实施任务的时间",
        "2025年12月底前",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "信息系统运行稳定性",
        "信息化平台全年不间断稳定运行，数据安全无泄露",
        "稳定运行",
    ),
    (
        "产出指标",
        "数量指标",
        "督导检查次数",
        "对项目实施单位开展督导检查和绩效跟踪的次数",
        "≥{n}次",
    ),
    (
        "产出指标",
        "成本指标",
        "项目成本控制率",
        "项目实际支出不超过预算批复金额的比例",
        "≤100%",
    ),
    (
        "效益指标",
        "社会效益指标",
        "群众反映问题解决率",
        "群众通过热线和信访渠道反映问题得到解决的比例",
        "≥90%",
    ),
    (
        "产出指标",
        "质量指标",
        "档案资料完整率",
        "项目立项、实施、验收等环节档案资料归档完整的比例",
        "=100%",
    ),
    (
        "效益指标",
        "经济效益指标",
        "带动社会投资",
        "项目实施带动社会资本投入的金额",
        "≥{n}万元",
    ),
    (
        "产出指标",
        "数量指标",
        "宣传资料发放份数",
        "印制并发放政策宣传手册和明白纸的份数",
        "≥{n}份",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "工作人员业务能力提升",
        "通过培训和实践提升基层工作人员业务能力的情况",
        "有所提升",
    ),
    (
        "产出指标",
        "质量指标",
        "安全生产事故发生率",
        "项目实施过程中发生安全生产事故的比例",
        "=0",
    ),
    (
        "效益指标",
        "社会效益指标",
        "受益群众覆盖率",
        "项目惠及的目标群众占应受益群众总数的比例",
        "≥95%",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "受益群众对项目实施效果的满意度调查结果",
        "≥95%",
    ),
    (
        "产出指标",
        "数量指标",
        "设备购置数量",
        "按照采购计划购置办公和业务设备的台套数",
        "{n}台套",
    ),
    (
        "效益指标",
        "社会效益指标",
        "工作效率提升",
        "通过项目实施提升部门履职效率的情况",
        "明显提升",
    ),
    (
        "产出指标",
        "时效指标",
        "资金支付进度",
        "项目资金按照序时进度支付的比例",
        "≥{n}%",
    ),
    (
        "产出指标",
        "质量指标",
        "信息公开率",
        "项目实施情况按规定在政府网站公开的比例",
        "=100%",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "制度建设完善程度",
        "围绕项目管理建立健全相关管理制度的情况",
        "完善",
    ),
    (
        "产出指标",
        "数量指标",
        "巡查检查频次",
        "项目管理人员对实施现场开展巡查检查的频次",
        "≥{n}次/月",
    ),
    (
        "效益指标",
        "社会效益指标",
        "社会稳定",
        "维护社会稳定，促进社会和谐",
        "稳定",
    ),
];

const COUNTIES: &[&str] = &[
    "城关镇",
    "东关乡",
    "西河镇",
    "南山乡",
    "北岭镇",
    "白石乡",
    "青龙镇",
    "柳林乡",
    "全县",
    "县城区",
];
const BASES: &[&str] = &[
    "行业标准",
    "计划标准",
    "上年实际完成情况",
    "部门工作计划",
    "《项目管理办法》",
    "历史数据",
    "",
];

/// Defect families, each at a few percent.
const RATE: f64 = 0.02;

struct Gen {
    rng: Rng,
    projects_written: usize,
    rows_written: usize,
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Gen {
    fn number(&mut self) -> usize {
        *self.rng.pick(&[
            3, 5, 8, 12, 20, 30, 50, 80, 120, 200, 300, 500, 800, 1200, 2000, 3500, 5000,
        ])
    }

    fn fill(&mut self, t: &str) -> String {
        if t.contains("{n}") {
            let n = self.number();
            t.replace("{n}", &n.to_string())
        } else {
            t.to_string()
        }
    }

    /// One indicator row, with a defect of some family now and then.
    fn row(&mut self, out: &mut String, r: &Row, templated: bool) {
        let (mut l1, mut l2, mut l3, mut desc, mut value) = (
            r.0.to_string(),
            r.1.to_string(),
            r.2.to_string(),
            self.fill(r.3),
            self.fill(r.4),
        );
        // A template row is now and then edited a little (near-identical copies).
        if templated && self.rng.chance(0.15) {
            let tail = *self.rng.pick(&["情况", "的比例", "（%）", "程度"]);
            desc.push_str(tail);
        }
        let mut basis = self.rng.pick(BASES).to_string();
        let rng = &mut self.rng;
        if rng.chance(RATE) {
            value.clear(); // C002 value-missing
        } else if rng.chance(RATE) {
            value = "XX%".into(); // C005 placeholder-left
        } else if rng.chance(RATE) {
            value = "≥105%".into(); // V001 rate-over-100
        } else if rng.chance(RATE) {
            value = "100%".into(); // V002 / V009
        } else if rng.chance(RATE) {
            value = value
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_string(); // V003
        } else if rng.chance(RATE) {
            value = "较好".into(); // V005 value-vague
        } else if rng.chance(RATE) {
            value = "是".into(); // V008 boolean-indicator
        }
        if rng.chance(RATE) {
            l1 = "产出目标".into(); // S001 level-unknown
        } else if rng.chance(RATE) {
            l2 = "效益指标".into(); // S002 level-mismatch
        } else if rng.chance(RATE) {
            l3 = "数量指标".into(); // S008 category-as-name
        }
        if rng.chance(RATE) {
            basis.clear();
        }
        if rng.chance(RATE / 2.0) {
            l3.clear();
            desc.clear();
            value.clear(); // C004 empty-row
        }
        let _ = write!(
            out,
            "      - {{level1: {l1}, level2: {l2}, level3: {}",
            quoted(&l3)
        );
        if !desc.is_empty() {
            let _ = write!(out, ", description: {}", quoted(&desc));
        }
        let _ = write!(out, ", value: {}", quoted(&value));
        if !basis.is_empty() {
            let _ = write!(out, ", basis: {}", quoted(&basis));
        }
        out.push_str("}\n");
        self.rows_written += 1;
    }

    fn project(&mut self, out: &mut String, code: &str, field: &Field) {
        let subject = *self.rng.pick(field.subjects);
        let place = *self.rng.pick(COUNTIES);
        let total = self.rng.range(5, 900) as f64 + self.rng.below(100) as f64 / 100.0;
        let mut named = total;
        if self.rng.chance(RATE) {
            named = total + 10.0; // B002 name-amount-mismatch
        }
        let name = if self.rng.chance(0.5) {
            format!("{place}{subject}{named:.2}万元")
        } else {
            format!("{place}{subject}")
        };
        let _ = writeln!(out, "  - code: {code}");
        if self.rng.chance(RATE / 2.0) {
            out.push_str("    name: \"\"\n"); // C001 field-missing
        } else {
            let _ = writeln!(out, "    name: {}", quoted(&name));
        }
        let mut fiscal = total;
        if self.rng.chance(RATE) {
            fiscal = total - 3.0; // B001 budget-sum-mismatch
        }
        let _ = writeln!(
            out,
            "    budget: {{total: {total:.2}, fiscal: {fiscal:.2}, other: 0}}"
        );
        let purpose = *self.rng.pick(field.purposes);
        let _ = writeln!(out, "    purpose: {}", quoted(purpose));
        if self.rng.chance(RATE) {
            out.push_str("    schedule: {3月底: \"\", 6月底: \"\", 9月底: \"\", 12月底: \"\"}\n"); // B003
        } else if self.rng.chance(RATE) {
            out.push_str("    schedule: {3月底: 60, 6月底: 40, 9月底: 75, 12月底: 100}\n"); // B004
        } else {
            let q = *self.rng.pick(&[10, 20, 25, 30]);
            let _ = writeln!(
                out,
                "    schedule: {{3月底: {q}, 6月底: {}, 9月底: {}, 12月底: 100}}",
                q * 2,
                q * 3
            );
        }
        out.push_str("    goals:\n");
        if self.rng.chance(RATE) {
            let _ = writeln!(out, "      - 完成{subject}项目"); // G002 goal-restates-name
        } else if self.rng.chance(RATE) {
            out.push_str("      - 提升服务水平，促进事业发展\n"); // G003 goal-unmeasurable
        } else {
            for _ in 0..2 {
                let g = *self.rng.pick(field.goals);
                let g = self.fill(g);
                let _ = writeln!(out, "      - {}", quoted(&g));
            }
        }
        out.push_str("    indicators:\n");
        let rows = self.rng.range(5, 6);
        // About two thirds of the rows are templates; the first is the project's own.
        for k in 0..rows {
            if k > 0 && self.rng.chance(0.8) {
                let r = *self.rng.pick(TEMPLATES);
                self.row(out, &r, true);
            } else if self.rng.chance(RATE) && self.projects_written > 0 {
                // R001: a row of another field pasted in.
                let other = self.rng.pick(FIELDS);
                let r = *self.rng.pick(other.rows);
                self.row(out, &r, false);
            } else {
                let r = *self.rng.pick(field.rows);
                self.row(out, &r, false);
            }
        }
        self.projects_written += 1;
    }
}

/// What [`generate`] wrote.
pub struct Written {
    pub files: usize,
    pub projects: usize,
    pub rows: usize,
    pub bytes: usize,
}

/// Write a corpus of `projects` projects, `per_file` to a file (`dept-00001.yaml` …), into
/// `out`, which is created.
pub fn generate(
    projects: usize,
    per_file: usize,
    seed: u64,
    out: &Path,
) -> std::io::Result<Written> {
    let per_file = per_file.max(1);
    std::fs::create_dir_all(out)?;
    let mut g = Gen {
        rng: Rng(seed),
        projects_written: 0,
        rows_written: 0,
    };
    let files = projects.div_ceil(per_file);
    let mut bytes = 0usize;
    for f in 0..files {
        let field = &FIELDS[g.rng.below(FIELDS.len())];
        let mut text = format!(
            "# 生成的基准测试语料（gen_corpus，种子 {seed}）\ndepartment: 某县{}\nyear: 2025\nunit: 万元\nprojects:\n",
            field.department
        );
        let n = per_file.min(projects - f * per_file);
        for p in 0..n {
            // Most projects of a department are in its field; some are not.
            let pf = if g.rng.chance(0.75) {
                field
            } else {
                &FIELDS[g.rng.below(FIELDS.len())]
            };
            let code = format!("2025-{:04}-{:03}", f + 1, p + 1);
            g.project(&mut text, &code, pf);
        }
        bytes += text.len();
        std::fs::write(out.join(format!("dept-{:05}.yaml", f + 1)), text)?;
    }
    Ok(Written {
        files,
        projects: g.projects_written,
        rows: g.rows_written,
        bytes,
    })
}

#[allow(dead_code)] // a test includes this file for `generate`
fn main() {
    let mut projects = 10_000usize;
    let mut per_file = 50usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| die(&format!("{a} 需要一个值")))
        };
        match a.as_str() {
            "--projects" => projects = val().parse().unwrap_or_else(|_| die("--projects 应为整数")),
            "--per-file" => per_file = val().parse().unwrap_or_else(|_| die("--per-file 应为整数")),
            "--seed" => seed = val().parse().unwrap_or_else(|_| die("--seed 应为整数")),
            "--out" => out = Some(PathBuf::from(val())),
            _ => die(&format!(
                "未知的参数“{a}”；用法：gen_corpus --projects N --out DIR [--seed S] [--per-file 50]"
            )),
        }
    }
    let out = out.unwrap_or_else(|| die("缺少 --out DIR"));
    if per_file == 0 {
        die("--per-file 至少为 1");
    }
    let w = generate(projects, per_file, seed, &out)
        .unwrap_or_else(|e| die(&format!("{}: {e}", out.display())));
    println!(
        "{} files, {} projects, {} indicator rows, {:.1} MB in {}",
        w.files,
        w.projects,
        w.rows,
        w.bytes as f64 / 1e6,
        out.display()
    );
}

#[allow(dead_code)]
fn die(msg: &str) -> ! {
    eprintln!("gen_corpus: 错误：{msg}");
    std::process::exit(2)
}
