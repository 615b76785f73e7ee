"""A small O*NET text database, written the way the real one is (tabs, CRLF, no quoting)."""

from __future__ import annotations

from pathlib import Path

HEADERS = {
    "Occupation Data.txt": "O*NET-SOC Code\tTitle\tDescription",
    "Task Statements.txt": "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source",
    "Technology Skills.txt": "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand",
    "Alternate Titles.txt": "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)",
    "Job Zones.txt": "O*NET-SOC Code\tJob Zone\tDate\tDomain Source",
    "Job Zone Reference.txt": "Job Zone\tName\tExperience\tEducation\tJob Training\tExamples\tSVP Range",
    "Education, Training, and Experience.txt": "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source",
    "Education, Training, and Experience Categories.txt": "Element ID\tElement Name\tScale ID\tCategory\tCategory Description",
    "Interests.txt": "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source",
    "Work Styles.txt": "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source",
    "Related Occupations.txt": "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex",
    "Tasks to DWAs.txt": "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source",
    "DWA Reference.txt": "Element ID\tIWA ID\tDWA ID\tDWA Title",
    "Tools Used.txt": "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title",
}

SD, RN, GD, OTHER = "15-1252.00", "29-1141.00", "27-1024.00", "11-9199.00"

ROWS: dict[str, list[str]] = {
    "Occupation Data.txt": [
        f"{SD}\tSoftware Developers\tResearch, design, and develop computer software.",
        f"{RN}\tRegistered Nurses\tAssess patient health problems and needs.",
        f"{GD}\tGraphic Designers\tDesign or create graphics to meet specific needs.",
        f"{OTHER}\tManagers, All Other\tAll managers not listed separately.",
    ],
    "Task Statements.txt": [
        f"{SD}\t1\tModify existing software to correct errors.\tCore\t50\t08/2023\tIncumbent",
        f"{SD}\t2\tConfer with systems analysts.\tSupplemental\t50\t08/2023\tIncumbent",
        f"{RN}\t3\tMonitor patients' conditions.\tCore\t40\t08/2023\tIncumbent",
        f"{GD}\t4\tCreate designs, concepts, and sample layouts.\tCore\t30\t08/2023\tIncumbent",
    ],
    "Technology Skills.txt": [
        f"{SD}\tPython\t43232402\tDevelopment environment software\tY\tY",
        f"{SD}\tOracle Java\t43232402\tDevelopment environment software\tY\tY",
        f"{SD}\tKubernetes\t43233004\tOperating system software\tY\tY",
        f"{SD}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN",
        f"{SD}\tABC Compiler\t43232402\tDevelopment environment software\tN\tN",
        f"{RN}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN",
        f"{RN}\tEpic Systems\t43231602\tMedical software\tY\tY",
        f"{GD}\tAdobe Photoshop\t43232102\tGraphics or photo imaging software\tY\tY",
        f"{GD}\tAdobe Illustrator\t43232102\tGraphics or photo imaging software\tY\tY",
        f"{GD}\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tN",
    ],
    "Alternate Titles.txt": [
        f"{SD}\tApplication Developer\tn/a\t02",
        f"{SD}\tSoftware Engineer\tn/a\t02",
        f"{RN}\tEmergency Room Registered Nurse (ER RN)\tER RN\t02",
        f"{RN}\tStaff Nurse\tn/a\t02",
        f"{GD}\tLogo Designer\tn/a\t02",
    ],
    "Job Zones.txt": [
        f"{SD}\t4\t08/2023\tAnalyst",
        f"{RN}\t3\t08/2023\tAnalyst",
        f"{GD}\t4\t08/2023\tAnalyst",
    ],
    "Job Zone Reference.txt": [
        "3\tJob Zone Three: Medium Preparation Needed\tPrevious experience is required.\tVocational school or an associate's degree.\tOne or two years of training.\tNurses\t(6.0 to < 7.0)",
        "4\tJob Zone Four: Considerable Preparation Needed\tA considerable amount of experience.\tA four-year bachelor's degree.\tSeveral years of experience.\tAccountants\t(7.0 to < 8.0)",
    ],
    "Education, Training, and Experience.txt": [
        f"{SD}\t2.D.1\tRequired Level of Education\tRL\t6\t70.00\t28\t4.1\tn/a\tn/a\tN\t08/2023\tIncumbent",
        f"{SD}\t2.D.1\tRequired Level of Education\tRL\t8\t20.00\t28\t4.1\tn/a\tn/a\tN\t08/2023\tIncumbent",
        f"{SD}\t2.D.1\tRequired Level of Education\tRL\t2\t0.50\t28\t4.1\tn/a\tn/a\tN\t08/2023\tIncumbent",
        f"{SD}\t3.A.1\tRelated Work Experience\tRW\t3\t10.00\t28\t4.1\tn/a\tn/a\tN\t08/2023\tIncumbent",
    ],
    "Education, Training, and Experience Categories.txt": [
        "2.D.1\tRequired Level of Education\tRL\t2\tHigh School Diploma - or the equivalent (for example, GED)",
        "2.D.1\tRequired Level of Education\tRL\t6\tBachelor's Degree",
        "2.D.1\tRequired Level of Education\tRL\t8\tMaster's Degree",
        "3.A.1\tRelated Work Experience\tRW\t3\tOver 1 month, up to and including 3 months",
    ],
    "Interests.txt": [
        f"{SD}\t1.B.1.a\tRealistic\tOI\t3.93\t11/2023\tMachine Learning",
        f"{SD}\t1.B.1.b\tInvestigative\tOI\t5.86\t11/2023\tMachine Learning",
        f"{SD}\t1.B.1.g\tFirst Interest High-Point\tIH\t2.00\t11/2023\tMachine Learning",
        f"{SD}\t1.B.1.h\tSecond Interest High-Point\tIH\t6.00\t11/2023\tMachine Learning",
        f"{SD}\t1.B.1.i\tThird Interest High-Point\tIH\t0.00\t11/2023\tMachine Learning",
    ],
    "Work Styles.txt": [
        f"{RN}\t1.C.1.a\tAchievement/Effort\tIM\t4.10\t28\t0.12\t4.4\t4.9\tN\t08/2023\tIncumbent",
        f"{RN}\t1.C.2.b\tConcern for Others\tIM\t4.80\t28\t0.12\t4.4\t4.9\tN\t08/2023\tIncumbent",
    ],
    "Tasks to DWAs.txt": [
        f"{SD}\t1\t4.A.3.b.1.I01.D01\t03/2014\tAnalyst",
        f"{SD}\t2\t4.A.3.b.1.I01.D01\t03/2014\tAnalyst",
        f"{SD}\t2\t4.A.4.a.2.I03.D05\t03/2014\tAnalyst",
        f"{RN}\t3\t4.A.2.a.2.I07.D02\t03/2014\tAnalyst",
    ],
    "DWA Reference.txt": [
        "4.A.3.b.1\t4.A.3.b.1.I01\t4.A.3.b.1.I01.D01\tModify software programs to improve performance.",
        "4.A.4.a.2\t4.A.4.a.2.I03\t4.A.4.a.2.I03.D05\tCollaborate with others to determine design specifications.",
        "4.A.2.a.2\t4.A.2.a.2.I07\t4.A.2.a.2.I07.D02\tMonitor patient conditions during treatment.",
    ],
    "Tools Used.txt": [
        f"{RN}\tBlood pressure cuffs\t42181600\tSphygmomanometers",
        f"{GD}\tDigital cameras\t45121504\tDigital cameras",
    ],
    "Related Occupations.txt": [
        f"{SD}\t{GD}\tPrimary-Short\t2",
        f"{SD}\t{RN}\tSupplemental\t9",
        f"{RN}\t{SD}\tSupplemental\t1",
    ],
}


def write_onet(
    folder: Path, extra: dict[str, list[str]] | None = None, skip: tuple[str, ...] = ()
) -> Path:
    """The database in ``folder``; ``extra`` rows are appended, ``skip`` files left out."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Read Me.txt").write_text("O*NET 29.2 Database\nFebruary 2025 Release\n")
    for name, header in HEADERS.items():
        if name in skip:
            continue
        rows = [header, *ROWS.get(name, []), *(extra or {}).get(name, [])]
        (folder / name).write_bytes(("\r\n".join(rows) + "\r\n").encode())
    return folder
