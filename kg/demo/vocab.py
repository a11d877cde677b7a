"""Vocabulary of the synthetic district: names, places, organisations, region codes.

The tables are deliberately skewed the way real registers are (a heavy head of
surnames and given names, so 张伟 / 王芳 / 李娜 recur many times): a resolver that
only works on unique names must fail here. Traditional forms are chosen so that
OpenCC ``t2s`` maps each back to its simplified form (the tests check this), and
homophone groups share a toneless pinyin, so they collide under pinyin blocking.
"""

from __future__ import annotations


def _weighted(spec: str) -> tuple[list[str], list[float]]:
    """Parse ``"王:7.25 李:7.19 …"`` into (values, weights)."""
    values: list[str] = []
    weights: list[float] = []
    for item in spec.split():
        value, weight = item.rsplit(":", 1)
        values.append(value)
        weights.append(float(weight))
    return values, weights


# Surname frequencies (per cent of the population, rounded; national census order).
SURNAMES, SURNAME_WEIGHTS = _weighted(
    "王:7.25 李:7.19 张:6.83 刘:5.38 陈:4.53 杨:3.08 黄:2.23 赵:2.19 吴:2.03 周:1.94 "
    "徐:1.56 孙:1.54 马:1.47 朱:1.44 胡:1.31 郭:1.19 何:1.05 林:1.0 高:0.97 罗:0.95 "
    "郑:0.92 梁:0.87 谢:0.75 宋:0.73 唐:0.71 许:0.67 韩:0.65 冯:0.61 邓:0.61 曹:0.60 "
    "彭:0.58 曾:0.56 肖:0.55 田:0.53 董:0.52 袁:0.51 潘:0.51 于:0.49 蒋:0.47 蔡:0.46 "
    "余:0.45 杜:0.44 叶:0.43 程:0.42 苏:0.40 魏:0.39 吕:0.38 丁:0.37 任:0.37 沈:0.36 "
    "姚:0.35 卢:0.34 姜:0.33 崔:0.32 钟:0.31 谭:0.30 陆:0.29 汪:0.28 范:0.27 金:0.26 "
    "石:0.25 廖:0.24 贾:0.23 夏:0.22 韦:0.21 付:0.20 方:0.20 白:0.19 邹:0.19 孟:0.18 "
    "熊:0.18 秦:0.17 邱:0.17 江:0.16 尹:0.15 薛:0.15 闫:0.14 段:0.14 雷:0.14 侯:0.13 "
    "龙:0.13 史:0.13 陶:0.12 黎:0.12 贺:0.12 顾:0.11 毛:0.11 郝:0.11 龚:0.10 邵:0.10 "
    "万:0.10 钱:0.10 严:0.09 覃:0.09 武:0.09 戴:0.09 莫:0.08 孔:0.08 向:0.08 汤:0.08 "
    "章:0.06 关:0.06 柳:0.04 单:0.03 解:0.02 仇:0.02 朴:0.02 查:0.02 盖:0.01 区:0.01 "
    "欧阳:0.03 司马:0.01 诸葛:0.005 上官:0.01 皇甫:0.005 令狐:0.003 东方:0.003 "
    "慕容:0.003 尉迟:0.002 公孙:0.002 夏侯:0.002 司徒:0.003 端木:0.002"
)

# Surnames that are more frequent in some ethnic groups (sampled instead of SURNAMES).
ETHNIC_SURNAMES: dict[str, list[str]] = {
    "回": ["马", "白", "哈", "沙", "穆", "丁", "杨", "李"],
    "满": ["关", "那", "佟", "富", "金", "赵", "王", "索"],
    "朝鲜": ["金", "朴", "李", "崔", "郑"],
    "蒙古": ["包", "白", "宝", "乌", "王"],
}

# (ethnicity, weight) for registered residents; 维吾尔 mostly arrive as migrants.
ETHNICITIES, ETHNICITY_WEIGHTS = _weighted("汉:93.5 回:2.6 满:2.4 蒙古:0.6 朝鲜:0.4 维吾尔:0.5")

# Given names by birth era; the weight is relative within an era. Single-character names
# are heavily represented in the 1960-1990 cohorts (that is where 张伟 comes from).
GIVEN_OLD_M, GIVEN_OLD_M_W = _weighted(
    "建国:5 建华:4 国庆:3 德明:2 国华:3 志强:3 建军:4 卫东:2 振华:2 永生:1 福林:1 "
    "文华:2 明:2 军:3 伟:2 华:2 平:2 刚:2 德胜:1 玉林:1 国强:3 宝山:1 长顺:1"
)
GIVEN_OLD_F, GIVEN_OLD_F_W = _weighted(
    "秀英:6 桂英:5 玉兰:4 淑珍:3 秀兰:4 凤英:3 桂兰:3 玉珍:2 淑英:2 秀珍:3 丽:2 "
    "红:3 华:2 萍:2 敏:2 燕:2 秀芳:2 桂芝:2 淑兰:2 玉梅:2 金凤:1 英:2"
)
GIVEN_MID_M, GIVEN_MID_M_W = _weighted(
    "伟:12 强:7 磊:7 军:7 洋:6 勇:6 杰:6 涛:5 明:5 超:5 刚:4 平:3 辉:4 鹏:4 华:3 "
    "飞:3 斌:3 波:3 峰:3 宇:2 浩:2 凯:2 建军:2 志勇:2 晓东:2 海涛:2 建华:2 海:2 "
    "亮:2 健:2 俊:2 明辉:1 志刚:1 晓明:1 永刚:1 国栋:1 振宇:1 鑫:2 博:1 铭:1 玮:1 炜:1"
)
GIVEN_MID_F, GIVEN_MID_F_W = _weighted(
    "芳:12 娜:10 敏:8 静:8 丽:8 艳:6 娟:6 霞:5 秀英:2 燕:5 玲:4 红:3 婷:4 雪:3 "
    "慧:3 莉:3 琳:3 丹:3 倩:3 颖:2 洁:2 晶:2 海燕:2 红梅:2 晓燕:2 丽娟:2 雪梅:2 "
    "婧:1 虹:1 萍:2 桂英:1 俐:1 艳红:1 玉梅:1 佳:1 宁:1 楠:2 欣:1"
)
GIVEN_YOUNG_M, GIVEN_YOUNG_M_W = _weighted(
    "浩然:5 子轩:5 宇轩:4 俊杰:3 浩宇:4 子涵:2 梓豪:3 一鸣:2 博文:3 天佑:2 皓轩:2 "
    "子墨:3 宇航:2 明轩:2 子豪:2 晨阳:2 嘉豪:2 睿:2 昊天:2 泽宇:2 思远:2 家乐:1 "
    "铭泽:1 梓轩:2 奕辰:2 宇:1 浩:1 鑫:1 一诺:2 俊熙:1 子健:1 文博:1"
)
GIVEN_YOUNG_F, GIVEN_YOUNG_F_W = _weighted(
    "子涵:5 欣怡:5 梓涵:4 一诺:3 雨桐:4 思涵:3 诗涵:3 可馨:2 梓萱:3 雨涵:3 佳怡:2 "
    "欣妍:2 紫涵:2 若曦:2 语桐:2 思琪:2 梦琪:2 佳琪:2 婉清:1 雅琪:2 嘉怡:2 依诺:1 "
    "静怡:2 晨曦:1 心怡:1 馨月:1 悦:1 萱:1 涵:1 琪:1 婷:1 雪:1"
)

# Characters used to build less common two-character given names.
GIVEN_CHARS_M = list("文华志建国明永海春金立军东光德晓宏家俊天振兴成学思泽宇浩子博鹏")
GIVEN_CHARS_F = list("丽美秀玉桂红芳凤雪晓春梅兰英静婷琳慧雅欣怡佳颖洁莉燕霞萍娟")

# Dates that registrations default to (unknown birthday → 1 January, National Day …):
# many unrelated people share them, which hurts resolvers that trust the birth date.
POPULAR_MONTH_DAYS = [(1, 1), (1, 1), (1, 1), (10, 1), (7, 1), (8, 1), (6, 1), (5, 1)]

# Full names that recur across many unrelated people (by sex).
COMMON_FULL_M = ["张伟", "王伟", "李伟", "刘洋", "张磊", "王磊", "李强", "张勇", "王军", "刘伟"]
COMMON_FULL_F = ["王芳", "李娜", "张敏", "李静", "王静", "张丽", "王丽", "刘芳", "李敏", "张静"]

# Homophone groups: the same toneless pinyin, different characters.
HOMOPHONE_GROUPS: list[str] = [
    "丽莉俐",
    "伟玮炜纬",
    "静婧靖",
    "娜那",
    "军君均钧",
    "华桦骅",
    "明铭鸣",
    "杰洁婕",
    "刚钢纲",
    "红虹宏鸿",
    "敏闽珉",
    "燕艳雁",
    "平萍苹",
    "磊垒",
    "芳方",
    "玲铃羚",
    "勇永咏",
    "涛滔",
    "斌彬滨",
    "峰锋丰枫",
    "辉晖徽",
    "飞菲霏",
    "强蔷",
    "晨辰臣",
    "欣馨昕新",
    "怡宜仪",
    "涵晗寒含",
    "轩萱宣",
    "宇雨语羽",
    "婷亭庭",
    "佳嘉家",
    "琪琦奇淇",
    "建剑健鉴",
    "志智致",
    "浩昊皓",
    "梅玫眉",
    "英瑛莹盈",
    "博柏",
]
HOMOPHONES: dict[str, list[str]] = {
    ch: [other for other in group if other != ch] for group in HOMOPHONE_GROUPS for ch in group
}

# Surname homophones (张/章, 徐/许 …): used only by the hard error model.
SURNAME_HOMOPHONES: dict[str, list[str]] = {
    "张": ["章"],
    "章": ["张"],
    "王": ["汪"],
    "汪": ["王"],
    "刘": ["柳"],
    "柳": ["刘"],
    "徐": ["许"],
    "许": ["徐"],
    "吴": ["武", "伍"],
    "武": ["吴"],
    "李": ["黎"],
    "黎": ["李"],
}

# Simplified → traditional, each checked against OpenCC t2s in the tests.
TRADITIONAL: dict[str, str] = dict(
    pair.split("=")
    for pair in (
        "张=張 陈=陳 刘=劉 杨=楊 黄=黃 赵=趙 吴=吳 郑=鄭 华=華 丽=麗 伟=偉 国=國 军=軍 孙=孫 "
        "马=馬 罗=羅 许=許 谢=謝 韩=韓 冯=馮 邓=鄧 萧=蕭 叶=葉 苏=蘇 卢=盧 蒋=蔣 贾=賈 钱=錢 "
        "顾=顧 龙=龍 万=萬 东=東 红=紅 杰=傑 鹏=鵬 涛=濤 剑=劍 强=強 辉=輝 维=維 亚=亞 凤=鳳 "
        "爱=愛 兰=蘭 洁=潔 书=書 兴=興 莹=瑩 宁=寧 锋=鋒 义=義 贵=貴 宝=寶 进=進 广=廣 庆=慶 "
        "欧=歐 阳=陽 诸=諸 门=門 长=長 园=園 区=區 号=號 楼=樓 单=單 桥=橋 里=裡 庄=莊 丰=豐 "
        "纳=納 买=買 热=熱 晓=曉 颖=穎 静=靜 钧=鈞 铭=銘 钢=鋼 艳=艷 闽=閩 传=傳 纪=紀 枫=楓 "
        "梦=夢 云=雲 铁=鐵 飞=飛 发=發 欢=歡 莲=蓮 伦=倫 刚=剛 鸿=鴻 陆=陸 韦=韋 汤=湯 关=關 "
        "启=啟 谭=譚 钟=鍾 贺=賀 严=嚴 邹=鄒 阎=閻 轩=軒 涵=涵 娟=娟 玮=瑋 炜=煒 婧=婧 君=君 "
        "桦=樺 虹=虹 宏=宏 萍=萍 垒=壘 燕=燕 鸣=鳴 纲=綱 闫=閆 龚=龔 叶=葉 邱=邱 岭=嶺 "
        "乐=樂 馨=馨 欣=欣 怡=怡 杨=楊 卫=衛 荣=榮 凯=凱 鑫=鑫 梓=梓 诗=詩 琳=琳"
    ).split()
    if pair.split("=")[0] != pair.split("=")[1]
)

# Uyghur given names and father's names (written 本名·父名 with a middle dot).
UYGHUR_M = (
    "阿卜杜拉 买买提 艾力 吐尔逊 艾买提 阿不都热合曼 依明 麦麦提 "
    "努尔 塔依尔 热合曼 玉素甫 伊力哈木 亚森 阿里木 艾尔肯"
).split()
UYGHUR_F = (
    "古丽 阿依古丽 帕提古丽 热依拉 阿依努尔 迪丽拜尔 "
    "努尔古丽 古丽娜尔 米热古丽 祖丽皮亚 阿依夏木 热娜"
).split()
MIDDLE_DOTS = ["·", "・", "•", "．", "."]

# Real Beijing districts (GB/T 2260). 110103 崇文 and 110104 宣武 were merged in 2010 but
# still appear in the IDs of people registered there before.
BEIJING_DISTRICTS: dict[str, str] = {
    "110101": "东城区",
    "110102": "西城区",
    "110105": "朝阳区",
    "110106": "丰台区",
    "110107": "石景山区",
    "110108": "海淀区",
    "110109": "门头沟区",
    "110111": "房山区",
    "110112": "通州区",
    "110113": "顺义区",
    "110114": "昌平区",
    "110115": "大兴区",
    "110116": "怀柔区",
    "110117": "平谷区",
    "110118": "密云区",
    "110119": "延庆区",
}
LEGACY_BEIJING_CODES = ["110103", "110104"]

# Region codes of other provinces (migrants' home registration) with their address prefix.
PROVINCES: dict[str, str] = {
    "130102": "河北省石家庄市长安区",
    "130602": "河北省保定市竞秀区",
    "131002": "河北省廊坊市安次区",
    "410102": "河南省郑州市中原区",
    "411502": "河南省信阳市浉河区",
    "370102": "山东省济南市历下区",
    "340102": "安徽省合肥市瑶海区",
    "420102": "湖北省武汉市江岸区",
    "430102": "湖南省长沙市芙蓉区",
    "510104": "四川省成都市锦江区",
    "610102": "陕西省西安市新城区",
    "210102": "辽宁省沈阳市和平区",
    "230102": "黑龙江省哈尔滨市道里区",
    "140105": "山西省太原市小店区",
    "150102": "内蒙古自治区呼和浩特市新城区",
    "120101": "天津市和平区",
    "650102": "新疆维吾尔自治区乌鲁木齐市天山区",
    "640104": "宁夏回族自治区银川市兴庆区",
}
PROVINCE_WEIGHTS = [9, 5, 4, 8, 3, 7, 5, 5, 4, 5, 3, 4, 4, 3, 2, 3, 1, 1]

# The simulated district: 朝阳区, its sub-district offices, roads and residential communities.
DISTRICT_CODE = "110105"
DISTRICT = "朝阳区"
CITY = "北京市"
STREETS = (
    "建外街道 朝外街道 呼家楼街道 三里屯街道 左家庄街道 香河园街道 和平街街道 安贞街道 "
    "亚运村街道 小关街道 酒仙桥街道 麦子店街道 团结湖街道 六里屯街道 八里庄街道 双井街道 "
    "劲松街道 潘家园街道 垡头街道 望京街道 大屯街道 奥运村街道 首都机场街道 东湖街道"
).split()
ROADS = (
    "建国路 朝阳路 光华路 工体北路 三里屯路 东大桥路 团结湖路 农展馆南路 望京街 阜通东大街 "
    "广顺北大街 安立路 北苑路 姚家园路 酒仙桥路 劲松路 潘家园路 广渠路 十里河路 左家庄路 "
    "安贞路 小关北街 和平街 双井路 百子湾路 东四环中路 朝阳北路 青年路 石佛营路 延静里中街 "
    "关东店北街 呼家楼路 幸福二村路 霄云路 将台路 芍药居北街 惠新东街 大屯路 慧忠路 小营路"
).split()
HUTONGS = (
    "南竹竿胡同 芳草地胡同 雅宝胡同 吉祥胡同 豆瓣胡同 禄米仓胡同 东岳庙胡同 神路街 "
    "三丰里 营房胡同 南营房 水碓子 关东店 金台里 新源里 麦子店 枣营 六里屯"
).split()
COMMUNITIES = (
    "团结湖北里 金台里 光华里 劲松一区 劲松二区 八里庄北里 华威西里 潘家园东里 望京西园 "
    "花家地西里 安贞里 惠新西街 安慧里 富力城 远洋天地 万科星园 望京花园 南湖东园 北苑家园 "
    "西坝河东里 芍药居北里 和平街十一区 小关东里 亚运村北辰东路 双井东院 百子湾家园 广渠家园 "
    "珠江帝景 首开常青藤 金港国际 阳光上东 朝阳园 华贸中心 三里屯西五街 呼家楼南里 幸福村 "
    "十里河东区 垡头东里 平乐园 松榆里 农光东里 大望京村 望京新城 南皋家园 东湖湾 枣营北里"
).split()
COMMUNITY_SUFFIXES = ["", "小区", "社区", "家园小区"]

# Organisation vocabulary.
TRADE_NAMES = (
    "华信 恒达 鑫源 博远 天成 瑞丰 中联 金桥 东方 汇通 宏图 新创 智联 龙腾 盛世 和泰 佳禾 "
    "安泰 永信 华美 星辰 蓝海 易通 腾飞 德润 康宁 信达 远景 京华 润泽 卓越 君安 海纳 精诚 "
    "百川 聚合 同方 天和 金鼎 弘毅 明德 凯旋 联创 泰和 宏达 兴业 正源 启明 华夏 诚信 "
    "嘉禾 万通 利民 恒信 神舟 拓普 云帆 优达 创想 极光"
).split()
INDUSTRIES = (
    "科技 信息技术 商贸 建筑工程 餐饮管理 物业管理 文化传媒 咨询 网络科技 医药 物流 "
    "房地产开发 教育科技 电子 广告 装饰工程 投资管理 软件 贸易 环保科技 家政服务 汽车服务"
).split()
LEGAL_FORMS, LEGAL_FORM_WEIGHTS = _weighted("有限公司:85 股份有限公司:10 有限责任公司:5")
OTHER_CITIES = ["上海", "天津", "深圳", "广州", "杭州"]

# Employer cells that are not organisations (no employer reference in the truth).
EMPLOYER_PLACEHOLDERS_ADULT = ["无", "待业", "无业", "自由职业", "个体", "家务", "不详"]
EMPLOYER_PLACEHOLDER_RETIRED = ["退休", "离退休", "退休人员"]
EMPLOYER_PLACEHOLDER_STUDENT = ["学生", "在校学生"]
PLACEHOLDERS = set(
    EMPLOYER_PLACEHOLDERS_ADULT
    + EMPLOYER_PLACEHOLDER_RETIRED
    + EMPLOYER_PLACEHOLDER_STUDENT
    + ["务农", "无工作"]
)

# 与户主关系: canonical relation → spellings seen in police extracts.
RELATION_SPELLINGS: dict[str, list[str]] = {
    "户主": ["户主", "本人"],
    "配偶": ["配偶", "妻", "夫", "妻子", "丈夫"],
    "子": ["子", "之子", "长子", "次子", "儿子"],
    "女": ["女", "之女", "长女", "次女", "女儿"],
    "父亲": ["父亲", "父"],
    "母亲": ["母亲", "母"],
    "孙子": ["孙子"],
    "孙女": ["孙女"],
    "兄弟姐妹": ["兄弟姐妹", "兄", "弟", "姐", "妹"],
    "其他": ["其他", "儿媳", "女婿"],
}

SERVICE_ELDERLY = ["养老服务", "居家养老", "高龄津贴"]
SERVICE_OTHER = ["低保", "残疾人补贴", "临时救助"]
SERVICE_MARRIAGE = "婚姻登记"
MOBILE_PREFIXES = (
    "130 131 132 133 135 136 137 138 139 150 151 152 155 156 158 159 "
    "166 176 177 185 186 187 188 189 199"
).split()

# Road names used for addresses outside the district (migrants' home registration,
# owners who live in other Beijing districts).
EXTERNAL_ROADS = (
    "建设路 人民路 解放路 中山路 胜利街 和平路 新华街 文化路 光明路 民主路 红旗街 前进路".split()
)
COMMUNITY_PARTS = [
    "",
    "东区",
    "西区",
    "南区",
    "北区",
    "一区",
    "二区",
    "三区",
    "东里",
    "西里",
    "南里",
    "北里",
]
