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

  it("reads Outlook's conditional comments as comments", () => {
    expect(htmlToText("<!--[if gte mso 9]><xml>x</xml><![endif]-->tekst")).toBe("tekst");
  });

  it("runs in linear time on long runs of whitespace (no regex backtracking)", () => {
    // Correctness check on a pathological shape; speed is measured in the benchmark.
    expect(htmlToText(`a${" ".repeat(100000)}\tb`)).toBe("a b");
  });
});
