"""Reading plan documents: .txt, .html and .docx, good and hostile."""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcheck.errors import PlanTextError
from pcheck.messages import line, text
from pcheck.plantext import MAX_BYTES, PlanText, read_plan, searchable
from pcheck.plantext.docx_file import MAX_ENTRIES, MAX_XML_BYTES


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def error(path: Path) -> str:
    """The one problem read_plan reports for ``path``, as a line."""
    with pytest.raises(PlanTextError) as caught:
        read_plan(path)
    (problem,) = caught.value.problems
    return line(problem)


# -- text files --------------------------------------------------------------------------


def test_a_text_file_is_read_as_it_is_with_its_line_ends_made_new_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.txt", "一、目标\r\n研发投入强度达3.2%\r第三行\n".encode())
    plan = read_plan(path)
    assert plan == PlanText("一、目标\n研发投入强度达3.2%\n第三行\n", path, "txt")
    assert plan.title is None and plan.meta == {}


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("\ufeff新增高新技术企业2000家", "utf-8"),
        ("\ufeff新增高新技术企业2000家", "utf-16-le"),
        ("\ufeff新增高新技术企业2000家", "utf-32-be"),
        ("新增高新技术企业2000家", "gb18030"),
        ("新增高新技術企業2000家", "gb18030"),
    ],
    ids=["utf-8-bom", "utf-16-bom", "utf-32-bom", "gb18030", "gb18030-traditional"],
)
def test_encodings_that_are_read(tmp_path: Path, text: str, encoding: str) -> None:
    plan = read_plan(write(tmp_path / "plan.TXT", text.encode(encoding)))
    assert plan.text == text.lstrip("\ufeff")


def test_text_neither_utf8_nor_gb18030_is_refused_naming_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.txt", b"line one\nline \x80 two\n")
    assert error(path) == (
        f"{path}:2: error[encoding]: not UTF-8 or GB18030 text: byte 14 is not valid UTF-8"
    )


def test_a_byte_order_mark_is_the_only_encoding_tried(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.txt", b"\xef\xbb\xbfok \xff")
    assert "not UTF-8 text: byte 6 is not valid UTF-8" in error(path)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.txt", b"text\n\x00\x01\x02binary")
    assert (
        error(path) == f"{path}:2: error[binary]: the file is binary (it holds NUL bytes), not text"
    )


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    assert error(path) == f"{path}: error[too-large]: file is larger than {MAX_BYTES} bytes"


def test_what_is_not_a_plan_file_is_refused(tmp_path: Path) -> None:
    assert "error[plan-kind]: '.pdf' is not a kind of plan document" in error(tmp_path / "x.pdf")
    assert "error[unreadable]: cannot read file: No such file" in error(tmp_path / "none.txt")
    assert "error[unreadable]: cannot read file: embedded null byte" in error(tmp_path / "a\0.txt")
    (tmp_path / "folder.txt").mkdir()
    assert "error[unreadable]: cannot read file: Is a directory" in error(tmp_path / "folder.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    assert "not a regular file" in error(tmp_path / "pipe.html")


# -- HTML --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>杭州市科技局 关于印发&lt;2024年工作要点&gt;的通知</title>
<meta name="ArticleTitle" content="关于印发2024年工作要点的通知">
<meta name="PubDate" content="2024-03-04 09:40">
<meta name="ContentSource" content="杭州市科技局">
<script>document.write("<p>不是正文</p>");</script>
<style>p {{ color: red }}</style>
</head><body>
<!-- 注释 <p>也不是正文</p> -->
<noscript>请启用脚本</noscript><template><p>模板</p></template>
<h1>2024年工作要点</h1>
<p>　　力争R&amp;D投入强度达到<b>3.95</b>%，新增高新技术企业2000&nbsp;家。</p>
<div>技术交易额   超8500亿元<br>鍾喆</div>
<table><tr><th>指标</th><th>目标</th></tr><tr><td>孵化器</td><td>600 家</td></tr></table>
<ul><li>第一<li>第二</ul>
</body></html>
"""


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_an_html_page_in_a_declared_chinese_charset(tmp_path: Path, charset: str) -> None:
    # 喆 is in GBK but not in GB2312: pages that say gb2312 are read as GB18030.
    path = write(tmp_path / "plan.html", PAGE.format(charset=charset).encode("gb18030"))
    plan = read_plan(path)
    assert plan.kind == "html"
    assert plan.title == "杭州市科技局 关于印发<2024年工作要点>的通知"
    assert plan.meta == {
        "ArticleTitle": "关于印发2024年工作要点的通知",
        "PubDate": "2024-03-04 09:40",
        "ContentSource": "杭州市科技局",
    }
    assert plan.text == (
        "2024年工作要点\n"
        "力争R&D投入强度达到3.95%，新增高新技术企业2000\xa0家。\n"
        "技术交易额 超8500亿元\n"
        "鍾喆\n"
        "指标\t目标\n"
        "孵化器\t600 家\n"
        "第一\n"
        "第二"
    )


def test_a_utf8_page_is_read_whatever_it_declares(tmp_path: Path) -> None:
    # GB18030 reads these bytes too, without an error, as 鐮斿彂鎶曞叆寮哄害.
    short = '<meta charset="gb2312"><p>研发投入强度</p>'.encode()
    assert read_plan(write(tmp_path / "short.html", short)).text == "研发投入强度"
    page = PAGE.format(charset="gb2312").encode()
    plan = read_plan(write(tmp_path / "plan.htm", b"\xef\xbb\xbf" + page))
    assert "新增高新技术企业2000\xa0家" in plan.text
    assert read_plan(write(tmp_path / "again.htm", page)).text == plan.text


def test_a_big5_page(tmp_path: Path) -> None:
    page = '<meta charset="big5"><p>新增高新技術企業2000家</p>'.encode("big5")
    assert read_plan(write(tmp_path / "plan.html", page)).text == "新增高新技術企業2000家"


def test_an_undecodable_page_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.html", b'<meta charset="utf-8"><p>\xff\xfe</p>')
    assert "error[encoding]: not UTF-8 or GB18030 text: byte 25 is not valid UTF-8" in error(path)


def test_the_first_heading_is_the_title_when_there_is_no_title(tmp_path: Path) -> None:
    page = "<body><h1>温州市<span>科技</span>工作</h1><h1>Other</h1><p>text</p></body>"
    assert read_plan(write(tmp_path / "p.html", page.encode())).title == "温州市科技工作"
    assert read_plan(write(tmp_path / "q.html", b"<p>text</p>")).title is None


def test_the_main_article_container_is_preferred_when_it_holds_most_text(tmp_path: Path) -> None:
    article = "<p>" + "科技创新" * 50 + "</p><p>新增2000家</p>"
    page = f"""<div class="nav">首页 政策文件 机构设置</div>
    <div id="zoom"><div class="TRS_Editor">{article}</div></div>
    <div class="footer">版权所有 网站地图</div>"""
    plan = read_plan(write(tmp_path / "plan.html", page.encode()))
    assert plan.text == "科技创新" * 50 + "\n新增2000家"


def test_a_small_container_does_not_hide_the_rest_of_the_page(tmp_path: Path) -> None:
    page = '<div class="content">短</div><p>' + "正文" * 50 + "</p>"
    plan = read_plan(write(tmp_path / "plan.html", page.encode()))
    assert plan.text == "短\n" + "正文" * 50


def test_text_in_a_pre_keeps_its_lines(tmp_path: Path) -> None:
    page = b"<pre>line one\n  line two</pre><p>a\n  b</p>"
    assert read_plan(write(tmp_path / "plan.html", page)).text == "line one\nline two\na b"


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 10**6 + "文本" + "</div>" * 10**6,
        "".join(f"<e{i}>" for i in range(300_000)) + "文本",
        "<p>文本</p>" + "<!--" * 200_000,
        "<p>文本</p>" + "<![" * 200_000,  # html.parser raises AssertionError on this
        "<p>文本</p>" + "<a b='" * 200_000,
        "<p>文本</p>" + "<a" * 200_000,
        "<p>文本</p>" + "</" * 200_000,
        "<p>文本</p>" + "<script>" * 200_000,
        "<p>文本</p>" + '<div class="content">' * 200_000,
    ],
    ids=["nested", "distinct", "comments", "cdata", "quotes", "tags", "ends", "scripts", "boxes"],
)
def test_hostile_pages_take_time_in_proportion_to_their_size(tmp_path: Path, page: str) -> None:
    path = write(tmp_path / "hostile.html", page.encode())
    started = time.perf_counter()
    plan = read_plan(path)
    assert plan.text.startswith("文本")
    # A few seconds at most on a slow machine; a quadratic parser takes hours.
    assert time.perf_counter() - started < 60


def test_an_unterminated_comment_runs_to_the_end_as_in_a_browser(tmp_path: Path) -> None:
    path = write(tmp_path / "p.html", b"<p>before</p><!-- <p>hidden</p> <p>after")
    assert read_plan(path).text == "before"


# -- docx --------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{}</Relationships>"""
REL = '<Relationship Id="rId{}" Type="{}" Target="{}"/>'
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def paragraph(text: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def document(body: str, namespace: str = W) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{namespace}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )


def docx(body: str, *, title: str | None = None, styles: str | None = None) -> bytes:
    """A .docx archive, as Word lays one out."""
    buffer = io.BytesIO()
    rels = [REL.format(1, TYPES + "officeDocument", "word/document.xml")]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document(body))
        if title is not None:
            rels.append(REL.format(2, CORE, "docProps/core.xml"))
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{title}</dc:title></cp:coreProperties>",
            )
        if styles is not None:
            archive.writestr(
                "word/_rels/document.xml.rels",
                RELS.format(REL.format(1, TYPES + "styles", "styles.xml")),
            )
            archive.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
        archive.writestr("_rels/.rels", RELS.format("".join(rels)))
    return buffer.getvalue()


BODY = (
    paragraph("关于印发2024年工作要点的通知", style="1")
    + "<w:p><w:r><w:t>力争研发投入强度</w:t></w:r><w:r><w:t xml:space='preserve'>达 </w:t>"
    "</w:r><w:r><w:t>3.2%</w:t><w:tab/><w:t>注</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    "<w:p><w:r><w:delText>删去的</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>"
    "<w:tbl><w:tr><w:tc>" + paragraph("指标") + paragraph("（一）") + "</w:tc>"
    "<w:tc>" + paragraph("目标") + "</w:tc></w:tr>"
    "<w:tr><w:tc>" + paragraph("孵化器") + "</w:tc><w:tc>" + paragraph("600家") + "</w:tc></w:tr>"
    "</w:tbl>"
    "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice>"
    "<mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)
HEADING = '<w:style w:styleId="1"><w:name w:val="heading 1"/></w:style>'
TEXT = (
    "关于印发2024年工作要点的通知\n"
    "力争研发投入强度达 3.2%\t注\n"
    "下一行\n"
    "指标 （一）\t目标\n"
    "孵化器\t600家\n"
    "框"
)


def test_a_docx_gives_its_paragraphs_and_tables(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path / "plan.docx", docx(BODY, styles=HEADING)))
    assert plan.kind == "docx"
    assert plan.text == TEXT
    assert plan.title == "关于印发2024年工作要点的通知"  # its heading 1 paragraph


def test_the_core_properties_title_comes_first(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path / "plan.docx", docx(BODY, title=" 温州市  规划 ")))
    assert plan.title == "温州市 规划"


def test_a_docx_in_strict_office_open_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
        archive.writestr("word/document.xml", document(paragraph("新增2000家"), strict))
    assert read_plan(write(tmp_path / "plan.docx", buffer.getvalue())).text == "新增2000家"


def test_the_main_part_is_the_one_the_package_names(tmp_path: Path) -> None:
    rels = RELS.format(REL.format(1, TYPES + "officeDocument", "/word/main.xml"))
    data = zip_of({"_rels/.rels": rels, "word/main.xml": document(paragraph("主文档"))})
    assert read_plan(write(tmp_path / "plan.docx", data)).text == "主文档"
    outside = RELS.format(REL.format(1, TYPES + "officeDocument", "../../etc/passwd"))
    data = zip_of({"_rels/.rels": outside, "word/document.xml": document(paragraph("默认"))})
    assert read_plan(write(tmp_path / "plan.docx", data)).text == "默认"


def zip_of(files: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_once_its_xml_passes_the_limit(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>" + "炸" * (MAX_XML_BYTES // 3 + 10) + "</w:t></w:r></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", document(body))
    path = write(tmp_path / "bomb.docx", buffer.getvalue())
    assert path.stat().st_size < MAX_BYTES
    assert error(path) == (
        f"{path}: error[too-large]: the document's XML is larger than {MAX_XML_BYTES} bytes "
        "uncompressed"
    )


def test_a_part_larger_than_it_declares_is_refused(tmp_path: Path) -> None:
    data = bytearray(zip_of({"word/document.xml": document(paragraph("文" * 100_000))}))
    # Declare 100 bytes in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    assert "error[docx]: damaged .docx archive" in error(write(tmp_path / "lie.docx", data))


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
    "</w:document>"
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)


@pytest.mark.parametrize("xml", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entities_are_refused_with_the_document_type(tmp_path: Path, xml: str) -> None:
    path = write(tmp_path / "plan.docx", zip_of({"word/document.xml": xml}))
    assert error(path) == (
        f"{path}: error[docx]: word/document.xml has a document type declaration, "
        "which a .docx never has"
    )


def test_expat_itself_refuses_billion_laughs() -> None:
    """Were a document type ever let through, the parser would still refuse it."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    with pytest.raises(expat.ExpatError, match="amplification"):
        parser.Parse(LAUGHS.encode(), True)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x00\x01binary junk" * 50, "not a .docx file: not a zip archive"),
        (docx(BODY)[: len(docx(BODY)) // 2], "not a .docx file: not a zip archive"),
        (zip_of({"word/other.xml": "<a/>"}), "not a .docx file: it has no word/document.xml"),
        (
            zip_of({"word/document.xml": f'<w:document xmlns:w="{W}">\n<w:body>'}),
            "word/document.xml: invalid XML at line 2, column 9: no element found",
        ),
        (
            zip_of({"word/document.xml": "<a>" * 100_000}),
            "word/document.xml: invalid XML at line 1, column 300001: no element found",
        ),
    ],
    ids=["junk", "truncated", "no-document", "broken-xml", "deep-xml"],
)
def test_damaged_docx_files_are_refused(tmp_path: Path, data: bytes, expected: str) -> None:
    path = write(tmp_path / "plan.docx", data)
    assert error(path) == f"{path}: error[docx]: {expected}"


def test_an_unknown_compression_method_is_refused(tmp_path: Path) -> None:
    data = bytearray(zip_of({"word/document.xml": document(paragraph("x"))}))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
    assert "damaged .docx archive" in error(write(tmp_path / "plan.docx", data))


def test_an_archive_with_more_entries_than_a_document_is_refused(tmp_path: Path) -> None:
    files: dict[str, bytes | str] = {f"media/{i}": b"" for i in range(MAX_ENTRIES + 1)}
    path = write(tmp_path / "plan.docx", zip_of(files, zipfile.ZIP_STORED))
    assert error(path) == (
        f"{path}: error[docx]: the archive has more entries than a document has "
        f"(at most {MAX_ENTRIES})"
    )


# -- whatever the bytes ------------------------------------------------------------------

SCRATCH = Path(tempfile.mkdtemp(prefix="pcheck-plantext-"))


def read_or_refuse(data: bytes, suffix: str) -> PlanText | PlanTextError:
    path = write(SCRATCH / f"plan{suffix}", data)
    try:
        return read_plan(path)
    except PlanTextError as exc:
        assert exc.problems and all(text(p.message) for p in exc.problems)
        return exc


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".htm", ".docx"]))
def test_any_bytes_give_text_or_an_error(data: bytes, suffix: str) -> None:
    result = read_or_refuse(data, suffix)
    if isinstance(result, PlanText):
        assert "\x00" not in result.text and "\ufffd" not in result.text


@settings(max_examples=150)
@given(st.text(alphabet="<>/!-?'\"= abp&#;x\n\t文", max_size=300))
def test_any_markup_gives_text(page: str) -> None:
    result = read_or_refuse(page.encode(), ".html")
    assert isinstance(result, PlanText)


SAMPLE = docx(BODY, title="标题", styles=HEADING)


@settings(max_examples=150)
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.integers(0, 255)), max_size=8))
def test_any_damage_to_a_docx_gives_text_or_an_error(changes: list[tuple[int, int]]) -> None:
    data = bytearray(SAMPLE)
    for at, value in changes:
        data[at] = value
    read_or_refuse(bytes(data), ".docx")


# -- searchable text ---------------------------------------------------------------------


def test_searchable_text_has_no_whitespace_invisible_marks_or_romanisation() -> None:
    assert searchable("揚(yáng)州 如何(hé)圍繞\n　R&D\u200b投入\ufeff") == "揚州如何圍繞R&D投入"
    assert searchable("（重点）(2024)") == "（重点）(2024)"
