#!/usr/bin/env python3
"""Write the D rules' fixtures, fixtures/rules/D00N.txt (must fire) and D00N-ok.txt (must stay
silent), in the layout of Word's text export: every table cell a tab-led line, rows separated
by blank lines, prose lines outside tables. Small disclosures built from the tables of the seed
(fixtures/seed.txt), each with one target table or more so that it reads as a target document.

    python3 scripts/gen-d-fixtures.py

Then re-bless the snapshots (JXLINT_BLESS=1 cargo test --test snapshots) and check the lines
in tests/rules.rs.
"""
import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "rules")

def render(blocks):
    out = []
    for b in blocks:
        if isinstance(b, str):
            if out and out[-1] != "":
                out.append("")
            out.append(b)
        else:
            for row in b:
                for cell in row:
                    out.append("\t" + cell)
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"

def target(name, budget, dept="323002涞源县社会保险事业管理局", title=None):
    t = title or f"{name}绩效目标表"
    return [t, [
        [dept, "单位：万元"],
        ["项目名称", name],
        ["预算数", budget, "其中：财政资金", budget, "其他资金", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "参保登记人数", "≥5000人"],
    ]]

def pre(dept="[323]社保局", year="2020", unit="万元"):
    return [f"部门编码及名称：{dept}", f"预算年度：{year}", f"金额单位：{unit}"]

def expenditure(title="部门预算支出总表", dept="[323]社保局", year="2020", rows=None):
    rows = rows or [
        ["1", "", "合计", "100.00", "80.00", "20.00"],
        ["2", "208", "社会保障和就业支出", "100.00", "80.00", "20.00"],
        ["3", "20801", "人力资源和社会保障管理事务", "70.00", "50.00", "20.00"],
        ["4", "2080109", "社会保险经办机构", "70.00", "50.00", "20.00"],
        ["5", "20805", "行政事业单位离退休", "30.00", "30.00", ""],
        ["6", "2080505", "机关事业单位基本养老保险缴费支出", "30.00", "30.00", ""],
    ]
    return [[title], pre(dept, year),
            ["序号", "科目", "本年支出合计", "基本支出", "项目支出"],
            ["", "功能分类科目编码", "科目名称", "", "", ""],
            ["栏次", "", "", "1", "2", "3"]] + rows

def summary(dept="[323]社保局", year="2020", income="100.00", spend="100.00"):
    return [["部门预算收支总表"], pre(dept, year),
            ["序号", "收入", "支出"],
            ["", "项    目", "预算数", "项    目", "预算数"],
            ["栏次", "1", "2", "3", "4"],
            ["1", "一、财政拨款收入", income, "一、社会保障和就业支出", spend],
            ["2", "二、事业收入", "0.00", "二、住房保障支出", "0.00"],
            ["3", "        本年收入合计", income, "        本年支出合计", spend],
            ["4", "            合计", income, "            合计", spend]]

def general(dept="[323]社保局", year="2020"):
    return [["部门预算一般公共预算财政拨款支出表"], pre(dept, year),
            ["序号", "科目", "合计", "基本支出", "项目支出"],
            ["", "功能分类科目编码", "科目名称", "", "", ""],
            ["栏次", "", "", "1", "2", "3"],
            ["1", "", "合计", "100.00", "80.00", "20.00"],
            ["2", "208", "社会保障和就业支出", "100.00", "80.00", "20.00"]]

def general_grouped(person208="70.00"):
    # 基本支出 over 小计, 人员经费, 公用经费: the 小计 counts toward 合计, the other two make it up.
    return [["部门预算一般公共预算财政拨款支出表"], pre(),
            ["序号", "科目", "合计", "基本支出", "项目支出"],
            ["", "功能分类科目编码", "科目名称", "", "小计", "人员经费", "公用经费", ""],
            ["栏次", "", "", "1", "2", "3", "4", "5"],
            ["1", "", "合计", "100.00", "80.00", "70.00", "10.00", "20.00"],
            ["2", "208", "社会保障和就业支出", "100.00", "80.00", person208, "10.00", "20.00"]]

def basic(title="部门预算一般公共预算财政拨款基本支出表", dept="[323]社保局", year="2020"):
    head = [[title]]
    p = pre(dept, year) if year else [f"部门编码及名称：{dept}", "金额单位：万元"]
    return head + [p,
            ["序号", "科目", "基本支出"],
            ["", "经济分类科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["栏次", "", "", "1", "2", "3"],
            ["1", "", "合计", "80.00", "70.00", "10.00"],
            ["2", "301", "工资福利支出", "70.00", "70.00", ""],
            ["3", "302", "商品和服务支出", "10.00", "", "10.00"]]

def three_public_narrative():
    return ["“三公”经费预算情况及增减变化原因", [
        ["“三公”经费预算情况及增减变化原因", "", "", "", "单位：万元"],
        ["项目名称", "2019年度预算", "2020年度预算", "增减金额", "变化原因"],
        ["公务接待费支出", "1.6", "1.6", "0", "无增减变化"],
        ["合计", "1.6", "1.6", "0", "无增减变化"],
    ]]

def join(*tables):
    rows = []
    for t in tables:
        rows += t
    return rows

files = {}

# D001: one table of 2019 in a 2020 disclosure, one 2019 in a title; a previous-year column.
files["D001.txt"] = render(
    ["2020年涞源县社会保险事业管理局部门预算信息公开",
     join(summary(), expenditure(), general(year="2019"),
          basic(title="2019年部门预算一般公共预算财政拨款基本支出表", year=None)),
     ] + three_public_narrative() + target("社保经办专项经费", "20.00"))
files["D001-ok.txt"] = render(
    ["2020年涞源县社会保险事业管理局部门预算信息公开",
     join(summary(), expenditure(), general(), basic()),
     ] + three_public_narrative() + target("社保经办专项经费", "20.00"))

# D002: a code of another department; a misnamed unit in the narrative; a unit code under the
# department, an abbreviation and another unit's name are no mismatch.
files["D002.txt"] = render(
    ["涞源县社会保险事业管理局", "2020年部门预算信息公开",
     join(summary(), expenditure(), general(), basic()),
     "二、部门预算安排的总体情况",
     "2020年涞源县社会保险事业管理局部门支出预算总额100.00万元。",
     "2020年，涞源县社会保障事业管理局安排采购预算0万元。",
     "按照涞源县人力资源和社会保障局的要求，做好社会保险经办工作。",
     "部门政府采购预算表",
     [["[101]涞源县社保局", "单位：万元"],
      ["项目名称", "采购物品名称", "政府采购金额"],
      ["合　计", "", ""]],
     ] + target("社保经办专项经费", "10.00") + target("社保信息系统维护", "5.00")
       + target("社保稽核专项经费", "5.00", dept="323002涞源县社会保障事业管理局"))
# A department's disclosure: its units' target tables carry the units' own names.
dept = "[323]涞源县人力资源和社会保障局"
files["D002-ok.txt"] = render(
    ["涞源县人力资源和社会保障局", "2020年部门预算信息公开",
     join(summary(dept=dept), expenditure(dept=dept), general(dept=dept), basic(dept="[323]人社局")),
     "二、部门预算安排的总体情况",
     "2020年涞源县人力资源和社会保障局部门支出预算总额100.00万元。",
     "2020年，涞源县人社局安排采购预算0万元。",
     "涞源县社会保险事业管理局负责全县社会保险经办工作。",
     "部门政府采购预算表",
     [["[323]涞源县人力资源和社会保障局", "单位：万元"],
      ["项目名称", "采购物品名称", "政府采购金额"],
      ["合　计", "", ""]],
     ] + target("社保经办专项经费", "10.00") + target("社保信息系统维护", "5.00")
       + target("就业服务专项经费", "5.00", dept="323001涞源县就业服务中心"))

# D003: a 合计 that is not the sum of its rows, a 款 figure that breaks its row and its 类,
# a narrative figure that is not the table's; rounded and last-year figures are not compared.
bad_rows = [
    ["1", "", "合计", "110.00", "80.00", "20.00"],
    ["2", "208", "社会保障和就业支出", "100.00", "80.00", "20.00"],
    ["3", "20801", "人力资源和社会保障管理事务", "70.00", "50.00", "20.00"],
    ["4", "2080109", "社会保险经办机构", "70.00", "50.00", "20.00"],
    ["5", "20805", "行政事业单位离退休", "30.00", "35.00", ""],
    ["6", "2080505", "机关事业单位基本养老保险缴费支出", "30.00", "30.00", ""],
]
narrative_bad = ("2020年部门支出预算总额100.00万元。其中基本支出80万元，包括人员经费支出70.00万元和公用经费支出10.00万元；"
                 "项目支出25.00万元。本年度预算收支安排100.00万元，较上年减少12.00万元。"
                 "政府性基金预算拨款支出中，基本支出0万元。")
narrative_ok = ("2020年部门支出预算总额100.00万元。其中基本支出80万元，包括人员经费支出70.00万元和公用经费支出10.00万元；"
                "项目支出20.00万元。本年度预算收支安排100.00万元，较上年减少12.00万元。"
                "政府性基金预算拨款支出中，基本支出0万元。")
files["D003.txt"] = render(
    ["2020年部门预算信息公开",
     join(summary(), expenditure(rows=bad_rows), general_grouped("75.00"), basic()),
     "2、支出说明", narrative_bad,
     ] + target("社保经办专项经费", "20.00"))
files["D003-ok.txt"] = render(
    ["2020年部门预算信息公开",
     join(summary(), expenditure(), general_grouped(), basic()),
     "2、支出说明", narrative_ok,
     ] + three_public_narrative() + target("社保经办专项经费", "20.00"))

# D004: target budgets that do not add up to 项目支出, a listed project without a target table,
# a target table not on the list, a budget that is not the listed amount.
def plist(rows):
    return [["部门预算项目支出表"], pre(),
            ["序号", "项目名称", "合计"],
            ["栏次", "", "1"]] + rows
def exp_projects(p):
    rows = [
        ["1", "", "合计", f"{80+p:.2f}", "80.00", f"{p:.2f}"],
        ["2", "208", "社会保障和就业支出", f"{80+p:.2f}", "80.00", f"{p:.2f}"],
    ]
    return expenditure(rows=rows)
files["D004.txt"] = render(
    ["2020年部门预算信息公开",
     join(exp_projects(23), plist([["1", "甲项目10万元", "10.00"], ["2", "乙项目8万元", "8.00"],
                                   ["3", "丙项目", "5.00"], ["4", "合计", "23.00"]])),
     ] + target("甲项目10万元", "10.00") + target("乙项目8万元", "12.00") + target("丁项目", "3.00"))
files["D004-ok.txt"] = render(
    ["2020年部门预算信息公开",
     join(exp_projects(18), plist([["1", "甲项目10万元", "10.00"], ["2", "乙项目8万元", "8.00"],
                                   ["3", "合计", "18.00"]])),
     ] + target("甲项目10万元", "10.00") + target("乙项目8万元", "8.00"))

# D005: 我市 in a county unit's narrative, a paragraph repeated after 三是; 我县, 全省, short
# repeated headings and a paragraph that only shares a sentence are fine.
long_p = ("自实施企业退休人员社会化管理服务以来，我县社会化管理服务工作不断推进，明确了退管机构的职能，"
          "积极探索居住在农村的企业退休人员社会化管理服务的新路子。")
files["D005.txt"] = render(
    ["涞源县社会保险事业管理局", "2020年部门预算信息公开",
     join(summary(dept="[323]涞源县社会保险事业管理局")),
     "一、部门职责",
     "我局社保工作在县政府的领导下，为我市构建社会保险长效机制，维护社会稳定做出了积极的贡献。",
     "随着金保工程建设的推进，我县基金财务全面实现了会计电算化管理，使用了全省统一的基金财务应用软件，规范基金进入资本市场的渠道。",
     long_p,
     "一、部门职责",
     "我局以高度的政治责任感，认真做好全年的确保发放和待遇调整工作。",
     "二是着力维护稳定大局，确保发放取得新成果。按照县政府的要求，我局以高度的政治责任感，认真做好全年的确保发放和待遇调整工作。",
     "三是社会化管理服务工作不断推进。" + long_p,
     ] + target("社保经办专项经费", "20.00"))
files["D005-ok.txt"] = render(
    ["保定市社会保险事业管理局", "2020年部门预算信息公开",
     join(summary(dept="[323]保定市社会保险事业管理局")),
     "一、部门职责",
     "我局社保工作在市政府的领导下，为我市构建社会保险长效机制，维护社会稳定做出了积极的贡献。",
     long_p.replace("我县", "全市"),
     "一、部门职责",
     "三是社会化管理服务工作不断推进，全市退休人员社会化管理服务率达到100%。",
     ] + target("社保经办专项经费", "20.00", dept="323002保定市社会保险事业管理局"))

for name, text in files.items():
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)
    print(name, len(text.splitlines()))
