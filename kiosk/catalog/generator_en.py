"""The English term table of the synthetic catalog generator (:mod:`kiosk.catalog.generator`).

Every object, action, qualifier and variant the generator puts into an item's Chinese name has
its English here, in the terms government service guides use in English, so a generated
"失业保险金申领" is "Unemployment insurance benefit: application" and never a code number;
bodies, places, hours, conditions, steps and materials have theirs too. No full-width
punctuation (the validator refuses it in English text).
"""

from __future__ import annotations

OBJECTS: dict[str, str] = {
    "居民身份证": "Resident identity card", "临时居民身份证": "Temporary resident identity card",
    "居民户口簿": "Household register", "户口": "Household registration",
    "出生登记": "Birth registration", "户口登记项目": "Household registration details",
    "居住证": "Residence permit", "居住登记": "Residence registration",
    "户籍类证明": "Household registration certificate", "无犯罪记录证明": "Certificate of no criminal record",
    "普通护照": "Ordinary passport", "往来港澳通行证": "Travel permit to Hong Kong and Macao",
    "往来台湾通行证": "Travel permit to Taiwan", "犬只": "Dog", "印章刻制": "Seal making",
    "机动车驾驶证": "Driving licence", "出生医学证明": "Medical birth certificate",
    "生育登记": "Birth planning registration", "预防接种证": "Vaccination record",
    "计划生育家庭特别扶助金": "Special support for family-planning families",
    "独生子女父母奖励": "Reward for parents of an only child",
    "居民死亡医学证明（推断）书": "Medical death certificate", "医师执业": "Physician practice",
    "护士执业": "Nurse practice", "公共场所卫生许可": "Public place hygiene permit",
    "母婴保健技术服务": "Maternal and infant health services", "义务教育入学": "School enrolment",
    "学籍": "Student record", "教师资格": "Teacher qualification", "学生资助": "Student financial aid",
    "学前教育资助": "Preschool financial aid", "民办学校办学": "Private school operation",
    "中等职业学校免学费": "Free tuition at secondary vocational schools",
    "学历证明": "Certificate of education", "就业": "Employment", "失业": "Unemployment",
    "失业保险金": "Unemployment insurance benefit", "社会保障卡": "Social security card",
    "职业资格证书": "Vocational qualification certificate",
    "职业技能等级证书": "Vocational skill level certificate",
    "职业培训补贴": "Vocational training subsidy", "创业担保贷款": "Guaranteed start-up loan",
    "一次性创业补贴": "One-off start-up subsidy", "求职创业补贴": "Job-seeking and start-up subsidy",
    "灵活就业人员社会保险": "Social insurance for flexible workers",
    "企业职工基本养老保险": "Employee basic pension insurance",
    "城乡居民基本养老保险": "Urban and rural residents' basic pension insurance",
    "工伤": "Work injury", "丧葬补助金和抚恤金": "Funeral grant and survivors' pension",
    "社会保险个人权益记录": "Personal social insurance record", "劳动人事争议": "Labour dispute",
    "人力资源服务": "Human resources services", "内地居民结婚": "Marriage of mainland residents",
    "内地居民离婚": "Divorce of mainland residents", "婚姻登记档案": "Marriage records",
    "最低生活保障": "Minimum living allowance", "特困人员救助供养": "Support for people in extreme poverty",
    "临时救助": "Temporary assistance", "高龄津贴": "Allowance for the very old",
    "养老服务补贴": "Elderly care subsidy", "困难残疾人生活补贴": "Living allowance for people with disabilities",
    "重度残疾人护理补贴": "Nursing care allowance for people with severe disabilities",
    "基本殡葬服务费用": "Basic funeral service fees", "社会团体": "Social organisation",
    "民办非企业单位": "Private non-enterprise unit", "养老机构": "Elderly care institution",
    "城乡居民基本医疗保险": "Urban and rural residents' basic medical insurance",
    "职工基本医疗保险": "Employee basic medical insurance", "异地就医": "Medical care in another city",
    "门诊慢特病": "Outpatient chronic and special diseases", "医疗费用": "Medical expenses",
    "生育津贴": "Maternity allowance", "生育医疗费用": "Childbirth medical expenses",
    "医保参保凭证": "Proof of medical insurance", "长期护理保险": "Long-term care insurance",
    "医保定点医药机构": "Designated medical insurance provider",
    "公共租赁住房": "Public rental housing", "住房租赁补贴": "Rent subsidy",
    "共有产权住房": "Shared-ownership housing", "房屋租赁合同": "Housing lease",
    "商品房预售": "Pre-sale of commercial housing", "建筑工程施工": "Construction works",
    "物业服务企业": "Property management company",
    "既有住宅加装电梯": "Lift installation in existing residential buildings",
    "住房公积金": "Housing provident fund", "住房公积金个人住房贷款": "Housing provident fund home loan",
    "住房公积金个人账户": "Housing provident fund personal account",
    "住房公积金缴存证明": "Certificate of housing provident fund contributions",
    "单位住房公积金": "Employer housing provident fund", "不动产登记资料": "Real estate registration records",
    "不动产": "Real estate", "不动产抵押权": "Real estate mortgage",
    "不动产权证书": "Real estate title certificate", "建设工程规划": "Construction planning",
    "乡村建设规划": "Rural construction planning", "残疾人证": "Disability certificate",
    "残疾人辅助器具": "Assistive devices for people with disabilities",
    "残疾儿童康复救助": "Rehabilitation aid for children with disabilities",
    "残疾人就业": "Employment of people with disabilities",
    "残疾人家庭无障碍改造": "Accessibility adaptation of homes of people with disabilities",
    "残疾人机动轮椅车燃油补贴": "Fuel subsidy for motorised wheelchairs", "企业名称": "Business name",
    "有限责任公司": "Limited liability company", "股份有限公司": "Company limited by shares",
    "个人独资企业": "Sole proprietorship", "合伙企业": "Partnership", "个体工商户": "Individual business",
    "分公司": "Branch company", "营业执照": "Business licence", "食品经营许可": "Food business permit",
    "小餐饮店": "Small eatery", "药品经营许可（零售）": "Pharmaceutical retail permit",
    "第二类医疗器械经营": "Class II medical device business", "特种设备使用": "Special equipment use",
    "企业简易注销": "Simplified deregistration of a business", "广告发布": "Advertising",
    "新办纳税人涉税事项": "Tax set-up for new taxpayers", "发票": "Invoices",
    "税务登记信息": "Tax registration details", "税务注销": "Tax deregistration",
    "增值税一般纳税人": "General VAT taxpayer", "纳税信用": "Tax credit rating",
    "完税证明": "Tax payment certificate", "个人所得税": "Individual income tax",
    "道路货物运输经营": "Road freight transport business",
    "道路旅客运输经营": "Road passenger transport business", "道路运输车辆": "Road transport vehicle",
    "机动车维修经营": "Motor vehicle repair business",
    "网络预约出租汽车经营": "Online ride-hailing business", "退役军人": "Veterans",
    "优待证": "Veteran's preferential treatment card", "伤残抚恤": "Disability pension",
    "烈士褒扬金": "Martyr's honour payment",
}  # fmt: skip

ACTIONS: dict[str, str] = {
    "专项附加扣除填报": "special additional deductions", "个人账户一次性支付": "lump-sum payment of the personal account",
    "个人账户继承": "inheritance of the personal account", "仲裁申请": "application for arbitration",
    "休学": "suspension of studies", "信息变更": "change of details", "信息采集": "data collection",
    "修复申请": "application for restoration", "借用申请": "application for a loan of equipment",
    "停保": "suspension of cover", "停发": "stopping payment", "关系转移": "transfer",
    "关系转移接续": "transfer and continuation", "减免申请": "application for a fee waiver",
    "出具": "certificate", "分户": "splitting a household", "办理": "application",
    "劳动能力鉴定申请": "application for work ability assessment", "参保信息变更": "change of insurance details",
    "参保登记": "enrolment", "变更": "change", "变更备案": "change of filing", "变更注册": "change of registration",
    "变更登记": "change of registration", "变更还款方式": "change of repayment method", "合并": "merging accounts",
    "启封": "reactivation", "启用": "activation", "增版增量": "increase of quantity or limit", "备案": "filing",
    "备案取消": "cancellation of filing", "备案变更": "change of filing", "复制": "copies", "复学": "return to school",
    "失能评估申请": "application for disability assessment", "安置": "resettlement",
    "定点医疗机构变更": "change of designated hospital", "审验": "inspection", "封存": "suspension",
    "就业创业扶持申请": "application for employment and start-up support", "年检": "annual inspection",
    "延续": "renewal", "延续注册": "renewal of registration", "开具": "certificate", "异地申领": "application away from home",
    "异议登记": "registration of an objection", "待遇申请": "application for benefits", "待遇申领": "claim for benefits",
    "待遇认定": "recognition of entitlement", "恢复": "restoration", "成立登记": "registration of establishment",
    "手工报销": "manual reimbursement", "扶持申请": "application for support", "报销": "reimbursement",
    "挂失": "reporting a loss", "挂失申报": "reporting a loss", "换发": "renewal", "换证": "renewal",
    "换领": "renewal", "提前还款": "early repayment", "提取（偿还贷款）": "withdrawal to repay a loan",
    "提取（出境定居）": "withdrawal on settling abroad", "提取（大病）": "withdrawal for serious illness",
    "提取（离休退休）": "withdrawal on retirement", "提取（租房）": "withdrawal for rent",
    "提取（购房）": "withdrawal for a home purchase", "新办": "first application",
    "方案备案": "filing of the plan", "更正": "correction", "更正登记": "correction of registration",
    "查询": "enquiry", "查询打印": "enquiry and printout", "查询核验": "enquiry and verification",
    "查验证明出具": "certificate of check", "校验": "inspection", "核发": "issuance", "注册": "registration",
    "注销": "cancellation", "注销备案": "cancellation of filing", "注销注册": "cancellation of registration",
    "注销登记": "deregistration", "清税证明开具": "tax clearance certificate", "申报": "declaration",
    "申请": "application", "申购资格审核": "eligibility check for purchase", "申领": "application",
    "登记": "registration", "登记备案": "registration and filing", "登记注销": "cancellation of registration",
    "确认": "confirmation", "票种核定": "approval of invoice types", "立户": "setting up a household",
    "等级变更": "change of grade", "签发": "issuance", "签注": "endorsement", "终止": "termination",
    "综合所得年度汇算": "annual reconciliation of comprehensive income", "缴存比例调整": "change of contribution rate",
    "缴存登记": "contribution registration", "缴费基数申报": "declaration of the contribution base",
    "缴销": "cancellation of unused invoices", "自主申报": "self-declaration", "营运证注销": "cancellation of the operating certificate",
    "营运证配发": "issue of the operating certificate", "补办": "replacement", "补发": "replacement",
    "补录": "late registration", "补换": "replacement", "补证": "replacement", "补贴申请": "application for a subsidy",
    "补领": "replacement", "补领登记证": "replacement certificate", "解挂": "cancelling a loss report",
    "认定": "recognition", "认定申请": "application for recognition", "许可": "permit",
    "许可变更": "change of permit", "许可延期": "extension of permit", "许可延续": "renewal of permit",
    "设立": "opening", "设立登记": "registration", "证书换发": "renewal of the certificate",
    "证书补发": "replacement of the certificate", "证明出具": "certificate", "评价复评": "re-evaluation",
    "评定": "assessment", "调解申请": "application for mediation", "贴息申请": "application for an interest subsidy",
    "资格复核": "eligibility review", "资格审核": "eligibility check", "资格确认": "confirmation of eligibility",
    "资格认定": "recognition of eligibility", "转入": "transfer in", "转出": "transfer out",
    "转登记": "change of registration type", "转移": "transfer", "转移登记": "transfer registration",
    "迁入": "moving in", "迁出": "moving out", "迁移": "transfer", "退出": "withdrawal",
    "适配补贴申请": "application for a fitting subsidy", "遗失补领": "replacement after loss",
    "零星报销": "reimbursement of occasional costs", "领用": "obtaining", "首次登记": "first registration",
    "首次签发": "first issuance", "首页变更": "change of the first page",
}  # fmt: skip

QUALIFIERS: dict[str, str] = {
    "一人": "single-shareholder", "农村": "rural", "农村转移劳动力": "rural migrant workers",
    "农民工": "migrant workers", "单位食堂": "staff canteens", "城市": "urban", "增值税专用": "special VAT",
    "外商投资": "foreign-invested", "外商投资企业": "foreign-invested enterprises", "外国人": "foreigners",
    "外籍人员": "foreign nationals", "多子女家庭": "families with several children",
    "异地就医人员": "patients treated in another city", "异地工作人员": "people working in another city",
    "异地长期居住人员": "people living long-term in another city", "急诊抢救": "emergency care",
    "急难型": "emergency", "数电": "fully digital", "新就业形态劳动者": "gig workers", "新市民": "new residents",
    "有限": "limited", "未成年人": "minors", "残疾人": "people with disabilities", "流浪乞讨人员": "homeless people",
    "港澳台居民": "residents of Hong Kong, Macao and Taiwan", "灵活就业人员": "flexible workers",
    "登记失业人员": "registered unemployed people", "离休人员": "retired cadres", "老年人": "older people",
    "返乡创业人员": "returning entrepreneurs", "退休人员": "retirees", "退役军人": "veterans",
    "食品销售": "food retail", "餐饮服务": "catering", "高校毕业生": "university graduates",
}  # fmt: skip
# Qualifiers that read as an adjective before the object; the rest read "for ..."
ADJECTIVES = frozenset({"一人", "农村", "城市", "增值税专用", "外商投资", "急难型", "数电", "有限"})

VARIANTS: dict[str, str] = {
    "": "", "（跨省通办）": " (across provinces)", "（告知承诺）": " (on written commitment)",
    "（容缺受理）": " (missing materials may follow)", "（全程网办）": " (fully online)",
}  # fmt: skip

DISTRICTS: dict[str, str] = {
    "东城区": "Dongcheng", "西城区": "Xicheng", "朝阳区": "Chaoyang", "丰台区": "Fengtai",
    "石景山区": "Shijingshan", "海淀区": "Haidian", "门头沟区": "Mentougou", "房山区": "Fangshan",
    "通州区": "Tongzhou", "顺义区": "Shunyi", "昌平区": "Changping", "大兴区": "Daxing",
    "怀柔区": "Huairou", "平谷区": "Pinggu", "密云区": "Miyun", "延庆区": "Yanqing",
}  # fmt: skip
# Department bodies by key ({d} = the district's English name)
BODIES: dict[str, str] = {
    "gaj": "{d} Sub-bureau of the Beijing Municipal Public Security Bureau",
    "wjw": "{d} District Health Commission, Beijing",
    "jw": "{d} District Education Commission, Beijing",
    "rsj": "{d} District Human Resources and Social Security Bureau, Beijing",
    "mzj": "{d} District Civil Affairs Bureau, Beijing",
    "ybj": "{d} District Healthcare Security Bureau, Beijing",
    "zjw": "{d} District Housing and Urban-Rural Development Commission, Beijing",
    "gjj": "{d} Office of the Beijing Housing Provident Fund Management Centre",
    "ghzr": "{d} Branch of the Beijing Municipal Commission of Planning and Natural Resources",
    "cl": "{d} District Disabled Persons' Federation, Beijing",
    "scjg": "{d} District Administration for Market Regulation, Beijing",
    "swj": "{d} District Tax Service, State Taxation Administration, Beijing",
    "jtw": "{d} Transport Management Branch of the Beijing Municipal Commission of Transport",
    "tyjr": "{d} District Veterans Affairs Bureau, Beijing",
}
STREETS: dict[str, str] = {
    "府前街": "Fuqian Street", "新华路": "Xinhua Road", "人民路": "Renmin Road", "中山路": "Zhongshan Road",
    "建设路": "Jianshe Road", "文化路": "Wenhua Road", "解放路": "Jiefang Road",
    "和平里大街": "Hepingli Street", "朝阳路": "Chaoyang Road", "光明路": "Guangming Road",
    "长安街": "Chang'an Avenue", "迎宾路": "Yingbin Road",
}  # fmt: skip
MATERIALS: dict[str, str] = {
    "申请人居民身份证": "Applicant's identity card", "营业执照": "Business licence",
    "居民户口簿": "Household register", "居住证": "Residence permit", "结婚证": "Marriage certificate",
    "出生医学证明": "Medical birth certificate", "不动产权证书": "Real estate title certificate",
    "社会保障卡": "Social security card", "残疾人证": "Disability certificate", "学历证书": "Diploma",
    "近期正面免冠彩色照片": "Recent colour photo, full face, no hat",
    "相关情况证明材料": "Supporting documents", "劳动合同": "Employment contract",
    "相关费用票据": "Receipts for the costs", "房屋租赁合同": "Lease",
    "医疗机构诊断证明": "Hospital diagnosis certificate",
    "公司章程或章程修正案": "Articles of association or amendment",
    "股东会决议或决定": "Shareholders' resolution or decision",
    "住所（经营场所）使用证明": "Proof of the right to use the premises",
    "法定代表人居民身份证": "Legal representative's identity card",
    "食品经营许可证": "Food business permit", "经营场所平面布局图": "Floor plan of the premises",
    "质量安全管理制度文件": "Quality and safety rules", "专业技术人员资格证明": "Qualifications of technical staff",
    "居民身份证": "Resident identity card", "机动车驾驶证": "Driving licence", "离婚证": "Divorce certificate",
}  # fmt: skip
# The bundles' life events ("一件事" names)
EVENTS = {
    "新生儿出生": "the birth of a child", "入学": "starting school", "就业": "starting a job",
    "结婚": "getting married", "二手房交易": "buying or selling a second-hand home",
    "退休": "retirement", "残疾人服务": "services for people with disabilities",
    "身后": "after a death", "军人退役": "leaving the armed forces",
    "灵活就业参保": "social insurance for the self-employed", "异地就医": "medical care in another city",
    "企业开办": "opening a business", "企业注销": "closing a business",
    "开餐饮店": "opening a restaurant", "企业变更": "changing a business's registration",
}  # fmt: skip
HOURS = {
    "周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）": "Mon-Fri 9:00-12:00 and 13:30-17:00 (closed on public holidays)",
    "周一至周五 9:00-17:00，周六 9:00-12:00（法定节假日除外）": "Mon-Fri 9:00-17:00, Sat 9:00-12:00 (closed on public holidays)",
    "周一至周五 8:30-17:00（法定节假日除外）": "Mon-Fri 8:30-17:00 (closed on public holidays)",
}  # fmt: skip
SOURCES = {"申请人自备": "Provided by the applicant", "发证机关": "Issuing authority"}
CONDITION_DOCS = "The application materials are complete and in due form"
PROCESS = [
    "Application", "Acceptance", "Review", "Decision", "Delivery of the result",
]  # fmt: skip
FEE = "Certificate fee"


def item_name(obj: str, action: str, qualifier: str, variant: str) -> str:
    """The English name of a generated item: "Unemployment insurance benefit: application"."""
    thing = OBJECTS[obj]
    if qualifier and qualifier in ADJECTIVES:
        thing = f"{QUALIFIERS[qualifier].capitalize()} {thing[0].lower()}{thing[1:]}"
    elif qualifier:
        thing = f"{thing} for {QUALIFIERS[qualifier]}"
    return f"{thing}: {ACTIONS[action]}{VARIANTS[variant]}"
