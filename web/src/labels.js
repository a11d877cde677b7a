// Chinese display names for the API's field, source, role and relationship codes.
// Unknown codes are shown as they are (the API may add new ones: /v1 is additive).

export const SOURCES = {
  police: "公安户籍",
  civil_affairs: "民政",
  family_planning: "卫健计生",
  housing: "住建房屋",
  organisations: "市场监管（法人）",
};

export const FIELDS = {
  name: "姓名",
  pinyin: "拼音",
  names: "曾用名/别名",
  former_name: "曾用名",
  sex: "性别",
  birth_date: "出生日期",
  birth_dates: "出生日期（各来源）",
  ethnicity: "民族",
  id_number: "公民身份号码",
  id_numbers: "身份号码（各来源）",
  phone: "联系电话",
  phones: "联系电话",
  marital_status: "婚姻状况",
  person_type: "人员类型",
  education: "文化程度",
  occupation: "职业",
  address: "地址",
  sources: "来源部门",
  record_count: "来源记录数",
};

export const SEX = { M: "男", F: "女", U: "未知" };

export const REL_TYPES = {
  LIVES_AT: "居住",
  REGISTERED_AT: "户籍登记/注册",
  OWNS: "产权",
  RENTS: "承租",
  WORKS_AT: "就业",
  LEGAL_REP_OF: "法定代表人",
  SPOUSE_OF: "配偶",
  PARENT_OF: "父母子女",
  MEMBER_OF: "户成员",
  FROM_RECORD: "来源记录",
};

export const ROLES = {
  resident: "居住",
  registered: "户籍登记",
  owner: "产权人",
  tenant: "承租人",
  employer: "工作单位",
  employee: "从业人员",
  legal_rep: "法定代表人",
  spouse: "配偶",
  parent: "父母",
  child: "子女",
  member: "成员",
  person: "本人",
  house: "房屋",
  registered_house: "户籍地房屋",
  organisation: "单位",
};

export const LABELS = {
  Person: "人员",
  Dwelling: "房屋/地址",
  Organisation: "单位",
  Household: "户",
  SourceRecord: "来源记录",
};

export const HOUSEHOLD_KINDS = { hukou: "户籍户", family_file: "家庭档案" };

export const MATCH = {
  id: "身份号码",
  name: "姓名",
  pinyin: "拼音",
  fuzzy: "相似",
  filter: "条件筛选",
};

export const COMPARISONS = {
  id: "身份号码",
  name: "姓名",
  birth_date: "出生日期",
  sex: "性别",
  phone: "电话",
  dwelling: "住址",
  employer: "工作单位",
  community: "社区",
  road: "道路",
  building: "楼",
  unit: "单元",
  room: "室",
  region: "地区",
  core: "字号",
  credit_code: "信用代码",
  branch: "分支",
  org_type: "类型",
  address: "地址",
};

export const PRECISION = { room: "精确到室", unit: "精确到单元", building: "精确到楼", road: "精确到门牌", community: "精确到社区" };

export const label = (map, code) => (code in map ? map[code] : code);
export const sourceName = (code) => label(SOURCES, code);

/** "police:GA123" → {source: "police", recordId: "GA123", text: "公安户籍 · GA123"} */
export function sourceRef(ref) {
  const i = ref.indexOf(":");
  const source = i < 0 ? ref : ref.slice(0, i);
  const recordId = i < 0 ? "" : ref.slice(i + 1);
  return { source, recordId, text: recordId ? `${sourceName(source)} · ${recordId}` : sourceName(source) };
}
