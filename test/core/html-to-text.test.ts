import { htmlToText } from "../../src/core/text/html-to-text";

describe("htmlToText (no DOM)", () => {
  it("turns block elements into line breaks", () => {
    expect(htmlToText("<div>a</div><p>b</p>c<br>d<br/>e<li>f</li>")).toBe("a\nb\nc\nd\ne\nf");
  });

  it("drops script, style and head content", () => {
    expect(htmlToText("<head><title>T</title><style>p{}</style></head><body><script>var x='010190-1234'</script>ok</body>")).toBe("ok");
  });

  it("decodes entities", () => {
    expect(htmlToText("A&nbsp;B&#8209;C&shy;D &aelig;&oslash;&aring; &#x41; &amp;")).toBe("A\u00a0B\u2011C\u00adD æøå A &");
  });

  it("joins digits split by inline tags", () => {
    expect(htmlToText("<p>CPR: <b>0101</b>90-<span style='x'>1234</span></p>")).toBe("CPR: 010190-1234");
  });

  it("keeps table cells apart", () => {
    expect(htmlToText("<table><tr><td>010190</td><td>1234</td></tr></table>")).toBe("010190\t\t1234");
  });

  it("collapses source whitespace but keeps the line breaks of <pre>", () => {
    expect(htmlToText("<p>a\n   b</p><pre>x\n  y</pre>")).toBe("a b\nx\ny");
  });

  it("survives broken markup", () => {
    expect(htmlToText("<p>a<b>b<div c='<>'>d</p></i>e<!-- x")).toBe("ab\nd\ne");
  });

  it("reads Outlook's conditional comments after the visible text (Outlook desktop shows them), and no other comment", () => {
    expect(htmlToText("<!--[if gte mso 9]><xml>x</xml><![endif]-->tekst<!-- 010190-1234 -->")).toBe("tekst\n\nx");
    expect(htmlToText("<p>Hej</p><!--[if mso]><p>CPR 010190-1234</p><![endif]--><!--[if !mso]><!-->web<!--<![endif]-->")).toBe("Hej\nweb\n\nCPR 010190-1234");
  });

  it("reads alt and title attributes and a link's query string, past an empty line", () => {
    const html = `<p>Se <a href="https://sag.example.dk/vis?cpr=0101901234&amp;t=1#top" title="Sagen">sagen</a> <img src="cid:x" alt="Foto af Jens"></p><p>Slut</p>`;
    expect(htmlToText(html)).toBe("Se sagen\nSlut\n\nSagen\ncpr=0101901234 t=1 top\nFoto af Jens");
    expect(htmlToText(`<a href="https://x.dk/?q=%E2%80%93%zz">x</a>`)).toBe("x\n\nq=%E2%80%93%zz");
    expect(htmlToText(`<a href="https://x.dk/?navn=J%C3%B8rgen+Hansen">x</a>`)).toBe("x\n\nnavn=Jørgen Hansen");
  });

  it("reads the text of noscript and svg after the visible text, not script or style", () => {
    expect(htmlToText("<p>a</p><noscript><p>b</p></noscript><svg><text>010190</text><text>1234</text></svg><script>c</script>")).toBe("a\n\nb\n010190\t\t1234");
  });

  it("makes Outlook's empty paragraph (&nbsp;) an empty line", () => {
    expect(htmlToText("<p>a</p><p>&nbsp;</p><p>b</p>")).toBe("a\n\nb");
  });

  it("runs in linear time on long runs of whitespace (no regex backtracking)", () => {
    // Correctness check on a pathological shape; speed is measured in the benchmark.
    expect(htmlToText(`a${" ".repeat(100000)}\tb`)).toBe("a b");
  });
});
