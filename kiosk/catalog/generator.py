"""Synthetic but well-formed service items for scale tests and benchmarks.

``generate_items(n, seed)`` returns ``n`` items valid against
``kiosk/schemas/service_item.schema.json``, deterministic for a given seed, with unique
``item_code`` and ``basic_code``. Names are built from the vocabulary of real implementation
lists (object × action × qualifier × variant, each object with the actions that make sense for
it), spread over the districts of a province-level city and their departments, so that a search
benchmark over 10,000 of them meets the same kind of overlapping names (身份证 / 社保卡 /
公积金 / 营业执照 …) as a real catalog rather than random characters.

Codes: every implementing body gets an 18-char unified social credit code starting with "11"
(机构编制 / 机关) and a correct GB 32100 check character; ``basic_code`` is item type (2) +
department (3) + a 7-digit running number, so it is unique for up to 10,000,000 items;
``item_code`` is the body's credit code + basic code + "01".
"""

from __future__ import annotations

import gc
import random
from typing import Any

from kiosk.catalog import generator_en as en
from kiosk.domain.checks import uscc_check_char

__all__ = ["generate_items"]

# (division code, district name)
_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("110101", "东城区"), ("110102", "西城区"), ("110105", "朝阳区"), ("110106", "丰台区"),
    ("110107", "石景山区"), ("110108", "海淀区"), ("110109", "门头沟区"), ("110111", "房山区"),
    ("110112", "通州区"), ("110113", "顺义区"), ("110114", "昌平区"), ("110115", "大兴区"),
    ("110116", "怀柔区"), ("110117", "平谷区"), ("110118", "密云区"), ("110119", "延庆区"),
)  # fmt: skip

_HOURS = (
    "周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）",
    "周一至周五 9:00-17:00，周六 9:00-12:00（法定节假日除外）",
    "周一至周五 8:30-17:00（法定节假日除外）",
)
_STREETS = ("府前街", "新华路", "人民路", "中山路", "建设路", "文化路", "解放路", "和平里大街",
            "朝阳路", "光明路", "长安街", "迎宾路")  # fmt: skip

# E-licence types: name -> type code (issuing ministry credit code + sequence)
_ELICENSE = {
    "居民身份证": "11100000000013028T001",
    "居民户口簿": "11100000000013028T002",
    "居住证": "11100000000013028T011",
    "出生医学证明": "11100000000013611B001",
    "结婚证": "11100000000012911H001",
    "离婚证": "11100000000012911H002",
    "营业执照": "11100000MB0143028W001",
    "不动产权证书": "11100000MB1967865H001",
    "社会保障卡": "11100000000014348U001",
    "残疾人证": "11100000000017061K001",
    "学历证书": "11100000000013253Y003",
    "机动车驾驶证": "11100000000013028T021",
    "食品经营许可证": "11100000MB0143028W014",
}

# Department: key, name pattern ({d} = district), item types, person/enterprise themes, service
# object kind ("p" person, "e" enterprise), objects: (object, "action|action", keywords).
_P, _E = "p", "e"
_DEPTS: tuple[dict[str, Any], ...] = (
    {
        "key": "gaj",
        "name": "北京市公安局{s}分局",
        "kind": _P,
        "themes": ("household",),
        "types": ("20", "07", "10"),
        "objects": (
            ("居民身份证", "申领|换领|补领|异地申领|挂失申报", ("身份证", "二代证", "办身份证")),
            ("临时居民身份证", "申领|补领", ("临时身份证", "急用身份证")),
            ("居民户口簿", "补领|换领|首页变更", ("户口本", "户口簿")),
            ("户口", "迁入|迁出|注销|恢复|分户|立户", ("户口", "落户", "迁户口")),
            ("出生登记", "申报|补录", ("上户口", "报户口", "新生儿落户")),
            ("户口登记项目", "变更|更正|补录", ("改名", "改民族", "改出生日期")),
            ("居住证", "申领|签注|换领|补领", ("居住证", "暂住证")),
            ("居住登记", "申报|变更|注销", ("租房登记", "暂住登记")),
            ("户籍类证明", "出具", ("户籍证明", "开证明")),
            ("无犯罪记录证明", "出具", ("无犯罪证明", "良民证")),
            ("普通护照", "签发|换发|补发", ("护照", "出国")),
            ("往来港澳通行证", "签发|换发|补发|签注", ("港澳通行证", "去香港")),
            ("往来台湾通行证", "签发|签注", ("台湾通行证", "去台湾")),
            ("犬只", "登记|年检|变更登记|注销登记", ("养狗登记", "狗证")),
            ("印章刻制", "备案|变更备案", ("刻章", "公章")),
            ("机动车驾驶证", "换证|补证|审验", ("驾照", "驾驶证")),
        ),
    },
    {
        "key": "wjw",
        "name": "北京市{d}卫生健康委员会",
        "kind": _P,
        "themes": ("birth", "marriage_childbirth"),
        "types": ("20", "01", "07"),
        "objects": (
            ("出生医学证明", "签发|补发|换发|首次签发", ("出生证", "出生证明")),
            ("生育登记", "办理|变更|注销", ("准生证", "生二胎", "生三胎")),
            ("预防接种证", "办理|补办|查验证明出具", ("疫苗本", "打疫苗")),
            ("计划生育家庭特别扶助金", "申领|资格确认", ("独生子女", "特扶")),
            ("独生子女父母奖励", "申领|资格确认", ("独生子女费", "奖励费")),
            ("居民死亡医学证明（推断）书", "出具|补发", ("死亡证明",)),
            ("医师执业", "注册|变更注册|注销注册", ("医师证", "执业医师")),
            ("护士执业", "注册|延续注册|变更注册", ("护士证",)),
            ("公共场所卫生许可", "核发|变更|延续|注销", ("卫生许可证",)),
            ("母婴保健技术服务", "许可|校验", ("母婴保健",)),
        ),
    },
    {
        "key": "jw",
        "name": "北京市{d}教育委员会",
        "kind": _P,
        "themes": ("schooling",),
        "types": ("20", "01", "05"),
        "objects": (
            ("义务教育入学", "登记|资格审核|信息采集", ("上小学", "上初中", "入学")),
            ("学籍", "转入|转出|休学|复学|证明出具", ("学籍证明", "转学")),
            ("教师资格", "认定|证书补发|证书换发", ("教师资格证", "教资")),
            ("学生资助", "申请|资格认定", ("助学金", "贫困生补助")),
            ("学前教育资助", "申请", ("幼儿园补助",)),
            ("民办学校办学", "许可|许可变更|许可延续", ("办学许可证", "培训机构")),
            ("中等职业学校免学费", "申请", ("中职免学费",)),
            ("学历证明", "出具", ("毕业证明", "学历证明")),
        ),
    },
    {
        "key": "rsj",
        "name": "北京市{d}人力资源和社会保障局",
        "kind": _P,
        "themes": ("employment", "social_insurance", "pension"),
        "types": ("20", "05", "07"),
        "objects": (
            ("就业", "登记|登记注销", ("上班登记", "入职")),
            ("失业", "登记|登记注销", ("没工作", "失业")),
            ("失业保险金", "申领|停发|补发", ("失业金", "失业补助")),
            ("社会保障卡", "申领|补换|挂失|解挂|启用|信息变更", ("社保卡", "医保卡", "电子社保卡")),
            ("职业资格证书", "补发|换发|查询", ("技能证书", "上岗证")),
            ("职业技能等级证书", "补发|查询核验", ("技能等级证",)),
            ("职业培训补贴", "申领", ("培训补贴",)),
            ("创业担保贷款", "申请|贴息申请", ("创业贷款", "贴息贷款")),
            ("一次性创业补贴", "申领", ("创业补贴",)),
            ("求职创业补贴", "申领", ("毕业生补贴",)),
            ("灵活就业人员社会保险", "参保登记|停保|缴费基数申报", ("灵活就业", "个人交社保")),
            (
                "企业职工基本养老保险",
                "参保登记|关系转移接续|待遇申领|个人账户一次性支付",
                ("养老保险", "社保转移", "退休"),
            ),
            (
                "城乡居民基本养老保险",
                "参保登记|待遇申领|注销登记|关系转移接续",
                ("居民养老", "农村养老保险"),
            ),
            ("工伤", "认定申请|劳动能力鉴定申请|待遇申领", ("工伤", "工伤赔偿")),
            ("丧葬补助金和抚恤金", "申领", ("丧葬费", "抚恤金")),
            ("社会保险个人权益记录", "查询打印", ("社保证明", "参保证明")),
            ("劳动人事争议", "仲裁申请|调解申请", ("劳动仲裁", "讨薪")),
            ("人力资源服务", "许可|备案|变更", ("职业中介", "人力资源许可证")),
        ),
    },
    {
        "key": "mzj",
        "name": "北京市{d}民政局",
        "kind": _P,
        "themes": ("marriage_childbirth", "pension", "disability", "after_death"),
        "types": ("07", "05", "20"),
        "objects": (
            ("内地居民结婚", "登记|补领登记证", ("结婚", "领证", "结婚证")),
            ("内地居民离婚", "登记|补领登记证", ("离婚", "离婚证")),
            ("婚姻登记档案", "查询|证明出具", ("婚姻状况证明", "单身证明")),
            ("最低生活保障", "申请|变更|停发", ("低保", "困难补助")),
            ("特困人员救助供养", "申请|终止", ("五保", "特困")),
            ("临时救助", "申请", ("临时困难", "救急")),
            ("高龄津贴", "申领|停发", ("高龄补贴", "老人补贴")),
            ("养老服务补贴", "申领|变更", ("养老补贴", "失能老人补贴")),
            ("困难残疾人生活补贴", "申领|停发", ("两项补贴", "残疾人补贴")),
            ("重度残疾人护理补贴", "申领|停发", ("护理补贴",)),
            ("基本殡葬服务费用", "减免申请", ("火化费减免", "惠民殡葬")),
            ("社会团体", "成立登记|变更登记|注销登记", ("社团登记",)),
            ("民办非企业单位", "成立登记|变更登记|注销登记", ("民非登记",)),
            ("养老机构", "备案|变更备案", ("养老院备案",)),
        ),
    },
    {
        "key": "ybj",
        "name": "北京市{d}医疗保障局",
        "kind": _P,
        "themes": ("medical_insurance",),
        "types": ("20", "05", "07"),
        "objects": (
            (
                "城乡居民基本医疗保险",
                "参保登记|参保信息变更|停保",
                ("医保", "居民医保", "一老一小"),
            ),
            ("职工基本医疗保险", "参保登记|关系转移接续|个人账户继承", ("医保", "职工医保")),
            ("异地就医", "备案|备案变更|备案取消", ("异地备案", "外地看病")),
            ("门诊慢特病", "待遇认定|定点医疗机构变更", ("慢病", "门特")),
            ("医疗费用", "手工报销|零星报销", ("看病报销", "医药费报销")),
            ("生育津贴", "申领", ("产假工资", "生育保险")),
            ("生育医疗费用", "报销", ("产检报销",)),
            ("医保参保凭证", "查询打印", ("医保证明",)),
            ("长期护理保险", "待遇申请|失能评估申请", ("长护险",)),
            ("医保定点医药机构", "申请|变更|退出", ("定点药店", "医保定点")),
        ),
    },
    {
        "key": "zjw",
        "name": "北京市{d}住房和城市建设委员会",
        "kind": _P,
        "themes": ("housing",),
        "types": ("05", "20", "21", "01"),
        "objects": (
            ("公共租赁住房", "申请|资格复核|退出", ("公租房", "保障房")),
            ("住房租赁补贴", "申请|变更|停发", ("租房补贴",)),
            ("共有产权住房", "申购资格审核", ("共有产权房",)),
            ("房屋租赁合同", "登记备案|变更备案|注销备案", ("租房备案",)),
            ("商品房预售", "许可|许可变更", ("预售证",)),
            ("建筑工程施工", "许可|许可变更|许可延期", ("施工许可证",)),
            ("物业服务企业", "备案|变更备案", ("物业备案",)),
            ("既有住宅加装电梯", "补贴申请|方案备案", ("加装电梯", "老楼电梯")),
        ),
    },
    {
        "key": "gjj",
        "name": "北京住房公积金管理中心{s}管理部",
        "kind": _P,
        "themes": ("housing",),
        "types": ("20",),
        "objects": (
            (
                "住房公积金",
                "提取（租房）|提取（购房）|提取（离休退休）|提取（偿还贷款）|提取（出境定居）|提取（大病）",
                ("公积金", "提公积金", "取公积金"),
            ),
            ("住房公积金个人住房贷款", "申请|提前还款|变更还款方式", ("公积金贷款", "房贷")),
            ("住房公积金个人账户", "设立|转移|封存|启封|合并", ("公积金账户", "公积金转移")),
            ("住房公积金缴存证明", "出具", ("公积金证明",)),
            ("单位住房公积金", "缴存登记|缴存比例调整|注销登记", ("单位公积金", "公积金开户")),
        ),
    },
    {
        "key": "ghzr",
        "name": "北京市规划和自然资源委员会{s}分局",
        "kind": _P,
        "themes": ("housing",),
        "types": ("07", "20", "01"),
        "objects": (
            ("不动产登记资料", "查询|复制", ("房产查询", "查房产", "无房证明")),
            (
                "不动产",
                "首次登记|转移登记|变更登记|注销登记|更正登记|异议登记",
                ("房产证", "过户", "房本"),
            ),
            ("不动产抵押权", "首次登记|变更登记|注销登记", ("抵押登记", "解押")),
            ("不动产权证书", "补发|换发", ("房本丢了", "补房本")),
            ("建设工程规划", "许可|许可变更", ("规划许可证",)),
            ("乡村建设规划", "许可", ("农村盖房", "宅基地")),
        ),
    },
    {
        "key": "cl",
        "name": "北京市{d}残疾人联合会",
        "kind": _P,
        "themes": ("disability",),
        "types": ("07", "05", "20"),
        "objects": (
            ("残疾人证", "新办|换领|补领|迁移|注销|等级变更", ("残疾证", "办残疾证")),
            ("残疾人辅助器具", "适配补贴申请|借用申请", ("轮椅", "助听器", "辅具")),
            ("残疾儿童康复救助", "申请", ("康复救助", "自闭症救助")),
            ("残疾人就业", "登记|扶持申请", ("残疾人找工作",)),
            ("残疾人家庭无障碍改造", "申请", ("无障碍改造",)),
            ("残疾人机动轮椅车燃油补贴", "申领", ("燃油补贴",)),
        ),
    },
    {
        "key": "scjg",
        "name": "北京市{d}市场监督管理局",
        "kind": _E,
        "themes": ("opening", "change", "operating_permit", "closing"),
        "types": ("07", "01", "20", "21"),
        "objects": (
            ("企业名称", "自主申报|变更", ("公司名称", "核名")),
            ("有限责任公司", "设立登记|变更登记|注销登记|备案", ("开公司", "注册公司", "营业执照")),
            ("股份有限公司", "设立登记|变更登记|注销登记", ("股份公司",)),
            ("个人独资企业", "设立登记|变更登记|注销登记", ("独资企业",)),
            ("合伙企业", "设立登记|变更登记|注销登记", ("合伙企业",)),
            ("个体工商户", "设立登记|变更登记|注销登记", ("个体户", "开店")),
            ("分公司", "设立登记|变更登记|注销登记", ("分公司",)),
            ("营业执照", "遗失补领|换发", ("营业执照", "执照")),
            ("食品经营许可", "核发|变更|延续|注销|补证", ("食品经营许可证", "餐饮许可证")),
            ("小餐饮店", "登记|变更登记|注销", ("小吃店", "开饭店")),
            ("药品经营许可（零售）", "核发|变更|换发|注销", ("药店", "药品经营许可证")),
            ("第二类医疗器械经营", "备案|变更备案", ("医疗器械备案",)),
            ("特种设备使用", "登记|变更登记|注销登记", ("电梯登记", "锅炉登记")),
            ("企业简易注销", "登记", ("注销公司", "简易注销")),
            ("广告发布", "登记|变更登记", ("广告登记",)),
        ),
    },
    {
        "key": "swj",
        "name": "国家税务总局北京市{d}税务局",
        "kind": _E,
        "themes": ("opening", "change", "closing"),
        "types": ("20", "10"),
        "objects": (
            ("新办纳税人涉税事项", "办理", ("税务登记", "领发票")),
            ("发票", "领用|票种核定|增版增量|缴销", ("领发票", "开发票", "数电发票")),
            ("税务登记信息", "变更|确认", ("税务变更",)),
            ("税务注销", "申报|清税证明开具", ("清税", "税务注销")),
            ("增值税一般纳税人", "登记|转登记", ("一般纳税人",)),
            ("纳税信用", "评价复评|修复申请", ("纳税信用修复",)),
            ("完税证明", "开具", ("完税证明", "个税证明")),
            ("个人所得税", "综合所得年度汇算|专项附加扣除填报", ("个税", "退税")),
        ),
    },
    {
        "key": "jtw",
        "name": "北京市交通委员会{s}运输管理分局",
        "kind": _E,
        "themes": ("operating_permit",),
        "types": ("01", "20"),
        "objects": (
            ("道路货物运输经营", "许可|变更|延续|注销", ("货运许可", "道路运输许可证")),
            ("道路旅客运输经营", "许可|变更|延续", ("客运许可",)),
            ("道路运输车辆", "营运证配发|营运证注销", ("营运证",)),
            ("机动车维修经营", "备案|变更备案", ("修车厂备案", "汽修")),
            ("网络预约出租汽车经营", "许可|许可变更", ("网约车", "网约车许可")),
        ),
    },
    {
        "key": "tyjr",
        "name": "北京市{d}退役军人事务局",
        "kind": _P,
        "themes": ("employment", "pension"),
        "types": ("05", "07", "20"),
        "objects": (
            ("退役军人", "安置|就业创业扶持申请|信息采集", ("退伍", "转业")),
            ("优待证", "申领|补领", ("退役军人优待证",)),
            ("伤残抚恤", "评定|待遇申领|关系转移", ("伤残军人",)),
            ("烈士褒扬金", "申领", ("烈属",)),
        ),
    },
)

# Qualifiers that make a real item name in front of these objects only
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "居住证": ("港澳台居民",),
    "社会保障卡": ("未成年人", "港澳台居民", "外籍人员", "老年人"),
    "就业": ("高校毕业生", "退役军人", "残疾人", "港澳台居民", "外国人"),
    "失业": ("农民工", "高校毕业生"),
    "职业培训补贴": ("农村转移劳动力", "高校毕业生", "登记失业人员"),
    "创业担保贷款": ("高校毕业生", "返乡创业人员", "退役军人"),
    "工伤": ("新就业形态劳动者",),
    "异地就医": ("退休人员", "异地长期居住人员", "异地工作人员"),
    "医疗费用": ("离休人员", "异地就医人员", "急诊抢救"),
    "住房公积金": ("灵活就业人员", "港澳台居民"),
    "住房公积金个人住房贷款": ("多子女家庭", "新市民"),
    "最低生活保障": ("城市", "农村"),
    "临时救助": ("流浪乞讨人员", "急难型"),
    "有限责任公司": ("外商投资", "一人"),
    "分公司": ("外商投资企业",),
    "合伙企业": ("有限",),
    "食品经营许可": ("餐饮服务", "食品销售", "单位食堂"),
    "发票": ("增值税专用", "数电"),
}
# Life-event / lifecycle theme of objects whose department spans several (default: the
# department's first theme)
_OBJECT_THEME: dict[str, str] = {
    "出生医学证明": "birth", "预防接种证": "birth", "生育登记": "marriage_childbirth",
    "计划生育家庭特别扶助金": "marriage_childbirth", "独生子女父母奖励": "marriage_childbirth",
    "居民死亡医学证明（推断）书": "after_death", "医师执业": "employment", "护士执业": "employment",
    "失业保险金": "employment", "社会保障卡": "social_insurance", "灵活就业人员社会保险": "social_insurance",
    "企业职工基本养老保险": "pension", "城乡居民基本养老保险": "pension", "工伤": "social_insurance",
    "丧葬补助金和抚恤金": "after_death", "社会保险个人权益记录": "social_insurance",
    "内地居民结婚": "marriage_childbirth", "内地居民离婚": "marriage_childbirth",
    "婚姻登记档案": "marriage_childbirth", "最低生活保障": "household", "特困人员救助供养": "household",
    "临时救助": "household", "高龄津贴": "pension", "养老服务补贴": "pension", "困难残疾人生活补贴": "disability",
    "重度残疾人护理补贴": "disability", "基本殡葬服务费用": "after_death", "养老机构": "pension",
    "生育津贴": "marriage_childbirth", "生育医疗费用": "marriage_childbirth", "长期护理保险": "pension",
    "退役军人": "employment", "优待证": "employment", "伤残抚恤": "disability", "烈士褒扬金": "after_death",
    "企业名称": "opening", "有限责任公司": "opening", "股份有限公司": "opening", "个人独资企业": "opening",
    "合伙企业": "opening", "个体工商户": "opening", "分公司": "opening", "营业执照": "change",
    "食品经营许可": "operating_permit", "小餐饮店": "operating_permit", "药品经营许可（零售）": "operating_permit",
    "第二类医疗器械经营": "operating_permit", "特种设备使用": "operating_permit", "企业简易注销": "closing",
    "广告发布": "operating_permit", "新办纳税人涉税事项": "opening", "发票": "opening",
    "税务登记信息": "change", "税务注销": "closing", "增值税一般纳税人": "change", "纳税信用": "change",
    "完税证明": "change", "个人所得税": "change", "住房公积金个人账户": "housing",
}  # fmt: skip
_LIFECYCLE_BY_ACTION = (("注销", "closing"), ("变更", "change"), ("设立", "opening"))
_VARIANTS = (
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "（跨省通办）",
    "（告知承诺）",
    "（容缺受理）",
    "（全程网办）",
)
_BUNDLE_EVENTS = (
    ("新生儿出生", ("birth",), "生孩子"), ("入学", ("schooling",), "上学"),
    ("就业", ("employment",), "找工作"), ("结婚", ("marriage_childbirth",), "结婚"),
    ("二手房交易", ("housing",), "买房"), ("退休", ("pension",), "退休"),
    ("残疾人服务", ("disability",), "残疾人"), ("身后", ("after_death",), "老人去世"),
    ("军人退役", ("employment",), "退伍"), ("灵活就业参保", ("social_insurance",), "交社保"),
    ("异地就医", ("medical_insurance",), "外地看病"),
)  # fmt: skip
_BUNDLE_EVENTS_E = (("企业开办", ("opening",), "开公司"), ("企业注销", ("closing",), "关公司"),
                    ("开餐饮店", ("operating_permit",), "开饭店"), ("企业变更", ("change",), "换法人"))  # fmt: skip

_LEGAL_BASIS = {
    "gaj": (
        "《中华人民共和国居民身份证法》",
        "《中华人民共和国户口登记条例》",
        "《中华人民共和国出境入境管理法》",
    ),
    "wjw": (
        "《中华人民共和国母婴保健法》",
        "《中华人民共和国人口与计划生育法》",
        "《中华人民共和国基本医疗卫生与健康促进法》",
    ),
    "jw": (
        "《中华人民共和国义务教育法》",
        "《中华人民共和国教师法》",
        "《中华人民共和国民办教育促进法》",
    ),
    "rsj": (
        "《中华人民共和国社会保险法》",
        "《中华人民共和国就业促进法》",
        "《工伤保险条例》",
        "《失业保险条例》",
    ),
    "mzj": (
        "《婚姻登记条例》",
        "《社会救助暂行办法》",
        "《中华人民共和国老年人权益保障法》",
        "《殡葬管理条例》",
    ),
    "ybj": ("《中华人民共和国社会保险法》", "《医疗保障基金使用监督管理条例》"),
    "zjw": ("《公共租赁住房管理办法》", "《商品房屋租赁管理办法》", "《中华人民共和国建筑法》"),
    "gjj": ("《住房公积金管理条例》",),
    "ghzr": ("《不动产登记暂行条例》", "《中华人民共和国城乡规划法》", "《中华人民共和国民法典》"),
    "cl": ("《中华人民共和国残疾人保障法》", "《残疾预防和残疾人康复条例》"),
    "scjg": (
        "《中华人民共和国市场主体登记管理条例》",
        "《中华人民共和国食品安全法》",
        "《中华人民共和国药品管理法》",
    ),
    "swj": ("《中华人民共和国税收征收管理法》", "《中华人民共和国发票管理办法》"),
    "jtw": ("《中华人民共和国道路运输条例》",),
    "tyjr": ("《中华人民共和国退役军人保障法》", "《军人抚恤优待条例》"),
}
_CN_NUM = (
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十五",
    "二十",
    "二十四",
    "三十",
)

_P_MATERIALS = (
    ("hukou", "居民户口簿", "居民户口簿"), ("residence", "居住证", "居住证"), ("marriage", "结婚证", "结婚证"),
    ("birth_cert", "出生医学证明", "出生医学证明"), ("property", "不动产权证书", "不动产权证书"),
    ("ssc", "社会保障卡", "社会保障卡"), ("disability", "残疾人证", "残疾人证"), ("diploma", "学历证书", "学历证书"),
    ("photo", "近期正面免冠彩色照片", None), ("proof", "相关情况证明材料", None), ("contract", "劳动合同", None),
    ("invoice", "相关费用票据", None), ("lease", "房屋租赁合同", None), ("diagnosis", "医疗机构诊断证明", None),
)  # fmt: skip
_E_MATERIALS = (
    ("articles", "公司章程或章程修正案", None), ("resolution", "股东会决议或决定", None),
    ("premises", "住所（经营场所）使用证明", "不动产权证书"), ("rep_id", "法定代表人居民身份证", "居民身份证"),
    ("food_lic", "食品经营许可证", "食品经营许可证"), ("layout", "经营场所平面布局图", None),
    ("rules", "质量安全管理制度文件", None), ("staff", "专业技术人员资格证明", None),
)  # fmt: skip

_EXTRA_FIELDS_P = (
    {"name": "living_address", "label": "现居住地址", "label_en": "Current address", "type": "text", "required": True, "max_length": 120},
    {"name": "address", "label": "户籍地址", "label_en": "Registered address", "type": "text", "required": True, "max_length": 120, "prefill": "address"},
    {"name": "gender", "label": "性别", "label_en": "Gender", "type": "enum", "required": True, "prefill": "gender",
     "options": [{"value": "1", "label": "男", "label_en": "Male"}, {"value": "2", "label": "女", "label_en": "Female"}]},
    {"name": "ethnicity", "label": "民族", "label_en": "Ethnic group", "type": "text", "required": True, "max_length": 20, "prefill": "ethnicity"},
    {"name": "birth_date", "label": "出生日期", "label_en": "Date of birth", "type": "date", "required": True, "prefill": "birth_date"},
    {"name": "event_date", "label": "事项发生日期", "label_en": "Date of the event", "type": "date", "required": False},
    {"name": "bank_account", "label": "本人银行账号", "label_en": "Bank account", "type": "text", "required": True, "max_length": 30},
    {"name": "family_size", "label": "家庭人口数", "label_en": "Household size", "type": "number", "required": False, "min": 1, "max": 20},
    {"name": "reason", "label": "申请事由", "label_en": "Reason", "type": "textarea", "required": False, "max_length": 300},
    {"name": "delivery", "label": "领取方式", "label_en": "How to receive the result", "type": "enum", "required": True,
     "options": [{"value": "window", "label": "窗口领取", "label_en": "Collect at the counter"},
                 {"value": "express", "label": "邮政寄递", "label_en": "By post"}]},
    {"name": "relative_id", "label": "相关人员公民身份号码", "label_en": "ID number of the person concerned", "type": "citizen_id", "required": False},
)  # fmt: skip
_EXTRA_FIELDS_E = (
    {"name": "premises_address", "label": "经营场所", "label_en": "Business premises", "type": "text", "required": True, "max_length": 120},
    {"name": "business_scope", "label": "经营范围", "label_en": "Business scope", "type": "textarea", "required": False, "max_length": 2000},
    {"name": "registered_capital", "label": "注册资本（万元）", "label_en": "Registered capital (10,000 yuan)", "type": "number", "required": False, "min": 0, "max": 10000000},
    {"name": "staff_count", "label": "从业人数", "label_en": "Number of employees", "type": "number", "required": False, "min": 0, "max": 1000000},
    {"name": "change_date", "label": "变更决议日期", "label_en": "Date of resolution", "type": "date", "required": False},
    {"name": "delivery", "label": "领取方式", "label_en": "How to receive the result", "type": "enum", "required": True,
     "options": [{"value": "window", "label": "窗口领取", "label_en": "Collect at the counter"},
                 {"value": "express", "label": "邮政寄递", "label_en": "By post"}]},
)  # fmt: skip


class _Rng:
    """The few draws the generator needs, each from one ``random()`` call.

    ``random.Random.choice``/``randint``/``sample`` cost several Python-level calls each; at
    ~25 draws per item they dominated the run time. Deterministic for a seed like the original.
    """

    __slots__ = ("random",)

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None) -> int:
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def sample(self, seq: Any, k: int) -> list[Any]:
        """``k`` distinct elements (k is small next to ``len(seq)``)."""
        n = len(seq)
        if k > n:
            raise ValueError("sample larger than population")
        picked: list[int] = []
        while len(picked) < k:
            j = int(self.random() * n)
            if j not in picked:
                picked.append(j)
        return [seq[j] for j in picked]


def _uscc(division: str, org9: str) -> str:
    head = "11" + division + org9
    return head + uscc_check_char(head)


def _base_fields(kind: str) -> list[dict[str, Any]]:
    if kind == _P:
        return [
            {"name": "applicant_name", "label": "申请人姓名", "label_en": "Applicant name", "type": "text",
             "required": True, "max_length": 50, "prefill": "name"},
            {"name": "id_number", "label": "公民身份号码", "label_en": "Citizen ID number", "type": "citizen_id",
             "required": True, "prefill": "id_number"},
            {"name": "phone", "label": "联系电话", "label_en": "Contact phone", "type": "phone", "required": True,
             "prefill": "phone"},
        ]  # fmt: skip
    return [
        {"name": "company_name", "label": "单位（企业）名称", "label_en": "Company name", "type": "text",
         "required": True, "max_length": 100},
        {"name": "credit_code", "label": "统一社会信用代码", "label_en": "Unified social credit code",
         "type": "credit_code", "required": True},
        {"name": "contact_name", "label": "经办人姓名", "label_en": "Contact person", "type": "text",
         "required": True, "max_length": 50, "prefill": "name"},
        {"name": "contact_id", "label": "经办人身份号码", "label_en": "Contact person's ID number",
         "type": "citizen_id", "required": True, "prefill": "id_number"},
        {"name": "contact_phone", "label": "经办人联系电话", "label_en": "Contact person's phone", "type": "phone",
         "required": True, "prefill": "phone"},
    ]  # fmt: skip


def _material(mid: str, name: str, lic: str | None, rng: _Rng) -> dict[str, Any]:
    r = rng.random()
    m: dict[str, Any] = {
        "material_id": mid,
        "name": name,
        "required": r < 0.8,
        "form": "原件" if r < 0.6 else ("复印件" if r < 0.85 else "原件和复印件"),
        "medium": "paper_or_electronic",
        "copies": 1,
        "source": "申请人自备" if lic is None else "发证机关",
        "elicense": None
        if lic is None
        else {"type_code": _ELICENSE[lic], "type_name": lic, "type_name_en": en.MATERIALS[lic]},
        "name_en": en.MATERIALS[name],
        "source_en": en.SOURCES["申请人自备" if lic is None else "发证机关"],
    }
    if lic is not None and r > 0.7:
        m["omittable"] = True
    elif lic is None and r > 0.85:
        m["may_be_missing"] = True
        m["supplement_days"] = 5 + int(r * 20)
    return m


def _time_limits(rng: _Rng) -> tuple[dict[str, Any], dict[str, Any]]:
    r = rng.random()
    if r < 0.25:
        return {"value": 0, "unit": "immediate"}, {"value": 0, "unit": "immediate"}
    legal = rng.choice((5, 10, 15, 20, 30, 60))
    promised = max(1, legal // rng.choice((2, 3, 4)))
    unit = "working_days" if r < 0.85 else "calendar_days"
    return {"value": legal, "unit": unit}, {"value": promised, "unit": unit}


def _commitment(name: str, name_en: str, who: str) -> dict[str, Any]:
    return {
        "text": (
            f"{who}已认真阅读并完全知晓{name}的办理条件、申请材料和办理程序，现郑重承诺：一、{who}符合本事项规定的办理条件；"
            f"二、{who}提交的申请材料和填报信息真实、准确、完整、有效，不存在隐瞒、虚假或者误导性内容；"
            f"三、如承诺内容与事实不符，{who}自愿承担相应法律责任，同意行政机关依法撤销已作出的决定，"
            f"并将失信信息记入公共信用信息服务平台。以上承诺是{who}的真实意思表示。"
        ),
        "text_en": (
            f"I have read and understand the conditions, materials and procedure of “{name_en}” and declare: (1) I meet "
            "the conditions of this service; (2) all materials and information provided are true, accurate, complete "
            "and valid; (3) if this proves untrue I accept the legal consequences, agree that the decision may be "
            "revoked and that the breach is recorded on the public credit information platform."
        ),
    }


def generate_items(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` synthetic, schema-valid service items; the same ``(n, seed)`` gives the same list."""
    if n < 0:
        raise ValueError("n must be >= 0")
    # The items are acyclic; the cyclic collector would only rescan the growing list (it
    # took about half of the run time at n = 10,000).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(n, seed)
    finally:
        if was_enabled:
            gc.enable()


def _generate(n: int, seed: int) -> list[dict[str, Any]]:
    rng = _Rng(seed)
    bodies: dict[tuple[int, int], dict[str, str]] = {}
    org_base = rng.randrange(10_000, 90_000)
    items: list[dict[str, Any]] = []
    for i in range(n):
        di = rng.randrange(len(_DISTRICTS))
        ki = rng.randrange(len(_DEPTS))
        division, district = _DISTRICTS[di]
        dept = _DEPTS[ki]
        body = bodies.get((di, ki))
        if body is None:
            org9 = f"MB{org_base + ki * 37 + di:05d}{ki:02d}"[:9]
            body = {
                "name": dept["name"].format(d=district, s=district.removesuffix("区")),
                "name_en": en.BODIES[dept["key"]].format(d=en.DISTRICTS[district]),
                "code": _uscc(division, org9),
            }
            bodies[(di, ki)] = body
        kind = dept["kind"]
        item_type = rng.choice(dept["types"])
        basic_code = f"{item_type}{ki + 1:03d}{i:07d}"
        item_code = body["code"] + basic_code + "01"

        is_bundle = i >= 10 and rng.random() < 0.01
        if is_bundle:
            event, themes, colloquial = rng.choice(
                _BUNDLE_EVENTS if kind == _P else _BUNDLE_EVENTS_E
            )
            name = f"{event}一件事"
            keywords = [colloquial, event, "一件事"]
            name_en = f"One-stop service: {en.EVENTS[event]}"
            parts = rng.sample(range(i), k=rng.randint(2, 4))
            bundle: dict[str, Any] | None = {"items": [items[p]["item_code"] for p in parts]}
            item_type = "20"
            basic_code = f"20{ki + 1:03d}{i:07d}"
            item_code = body["code"] + basic_code + "01"
        else:
            obj, actions, syn = rng.choice(dept["objects"])
            action = rng.choice(actions.split("|"))
            quals = _QUALIFIERS.get(obj)
            qual = rng.choice(quals) if quals and rng.random() < 0.5 else ""
            variant = rng.choice(_VARIANTS)
            name = f"{qual}{obj}{action}{variant}"
            keywords = list(syn)
            if qual:
                keywords.append(qual)
            name_en = en.item_name(obj, action, qual, variant)
            theme = _OBJECT_THEME.get(obj, dept["themes"][0])
            if kind == _E and theme == "opening":
                for word, lifecycle in _LIFECYCLE_BY_ACTION:
                    if word in action:
                        theme = lifecycle
                        break
            themes = (theme,)
            bundle = None

        fields = _base_fields(kind)
        pool = _EXTRA_FIELDS_P if kind == _P else _EXTRA_FIELDS_E
        for f in rng.sample(pool, k=rng.randint(0, 3)):
            fields.append(dict(f))
        materials = []
        if kind == _P:
            materials.append(_material("id_card", "申请人居民身份证", "居民身份证", rng))
            extra_m = rng.sample(_P_MATERIALS, k=rng.randint(0, 3))
        else:
            materials.append(_material("business_license", "营业执照", "营业执照", rng))
            extra_m = rng.sample(_E_MATERIALS, k=rng.randint(0, 3))
        for mid, mname, lic in extra_m:
            materials.append(_material(mid, mname, lic, rng))

        legal, promised = _time_limits(rng)
        who = "本人" if kind == _P else "本单位"
        basis = [f"{rng.choice(_LEGAL_BASIS[dept['key']])}第{rng.choice(_CN_NUM)}条"]
        fee_list = []
        if rng.random() < 0.08:
            fee_list.append(
                {
                    "name": "证件工本费",
                    "name_en": en.FEE,
                    "amount_yuan": rng.choice((5, 10, 15, 20)),
                    "basis": "国家和本市收费标准",
                }
            )
        theme_key = "person" if kind == _P else "enterprise"
        items.append(
            {
                "item_code": item_code,
                "basic_code": basic_code,
                "name": name,
                "name_en": name_en,
                "item_type": item_type,
                "service_object": ["自然人"] if kind == _P else ["企业法人", "非法人企业"],
                "implementing_body": dict(body),
                "exercise_level": "县级",
                "legal_basis": basis,
                "power_source": "法定本级行使",
                "conditions": [f"符合{name}办理条件的申请人", "申请材料齐全、符合法定形式"],
                "conditions_en": [
                    f"Applicants who meet the conditions for {name_en}",
                    en.CONDITION_DOCS,
                ],
                "process": ["申请", "受理", "审查", "决定", "送达"],
                "process_en": list(en.PROCESS),
                "handling_forms": ["window", "online", "kiosk"],
                "legal_time_limit": legal,
                "promised_time_limit": promised,
                "case_type": "即办件" if promised["unit"] == "immediate" else "承诺件",
                "visits": 0 if rng.random() < 0.8 else 1,
                "fees": fee_list,
                "place": {
                    "address": f"北京市{district}政务服务中心（{district}{(street := rng.choice(_STREETS))}{(num := rng.randint(1, 300))}号）",
                    "hours": (hours := rng.choice(_HOURS)),
                    "address_en": f"{en.DISTRICTS[district]} District Government Service Centre ({num} {en.STREETS[street]}, {en.DISTRICTS[district]})",
                    "hours_en": en.HOURS[hours],
                },
                "phones": {
                    "consult": f"010-{6000_0000 + di * 1000 + ki:08d}",
                    "complaint": "12345",
                },
                "online_url": "https://zwfw.bianmin.invalid/item/" + item_code,
                "version": "2026.1",
                "effective_from": "2026-01-01",
                "effective_to": None,
                "themes": {theme_key: list(themes)},
                "keywords": keywords,
                "frequent": rng.random() < 0.01,
                "materials": materials,
                "form": {"fields": fields},
                "commitment": _commitment(name, name_en, who) if rng.random() < 0.1 else None,
                "bundle": bundle,
            }
        )
    return items
