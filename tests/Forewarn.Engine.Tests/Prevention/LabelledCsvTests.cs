using Forewarn.Engine.Prevention;

namespace Forewarn.Engine.Tests.Prevention;

public class LabelledCsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = LabelledCsv.Read(new StringReader("\uFEFFcontent,label\n\"您好，a,b\",fake_police\n\"第一行\n第二行 \"\"引号\"\"\",normal\n\nplain text,spam\r\n"));
        Assert.Equal([("您好，a,b", "fake_police"), ("第一行\n第二行 \"引号\"", "normal"), ("plain text", "spam")], rows);
    }

    [Fact]
    public void Columns_may_come_in_any_order_beside_others()
    {
        var rows = LabelledCsv.Read(new StringReader("id,Label,Content\n1,ham,hello\n"));
        Assert.Equal([("hello", "ham")], rows);
    }

    [Theory]
    [InlineData("content,label\n", ",")]
    [InlineData("text,label\n", ",")]
    [InlineData("Text,Class\n", ",")]
    [InlineData("\uFEFFid;Category;Message;source\n", ";")]
    [InlineData("Label\tSMS\n", "\t")]
    [InlineData("内容,标签\n", ",")]
    public void Common_header_names_and_separators_are_understood(string header, string separator)
    {
        var names = header.TrimStart('\uFEFF').TrimEnd('\n').Split(separator[0]);
        var textColumn = Array.FindIndex(names, n => LabelledCsv.TextColumns.Contains(n.ToLowerInvariant()));
        var fields = names.Select((_, i) => i == textColumn ? "\"您好，这是\"\"正文\"\"\"" : "x").ToArray();
        fields[Array.FindIndex(names, n => LabelledCsv.LabelColumns.Contains(n.ToLowerInvariant()))] = "冒充客服类";

        var rows = LabelledCsv.Read(new StringReader(header.Replace("\n", "\r\n", StringComparison.Ordinal) + string.Join(separator, fields) + "\r\n\r\n"));

        Assert.Equal([("您好，这是\"正文\"", "冒充客服类")], rows);
    }

    [Fact]
    public void Lines_of_empty_fields_and_spaces_before_a_quote_are_tolerated()
    {
        var rows = LabelledCsv.Read(new StringReader("\n\ncontent,label,note\n,,\n  \n \"a, b\", spam ,\n"));
        Assert.Equal([("a, b", "spam")], rows);
    }

    [Fact]
    public void Files_are_read_as_UTF_8_with_or_without_a_byte_order_mark_or_else_as_GB18030()
    {
        const string csv = "content,label\n公安局说你涉嫌洗钱,冒充公检法\n";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        foreach (var bytes in new[]
        {
            System.Text.Encoding.UTF8.GetBytes(csv),
            [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)],
            [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(csv)],
            System.Text.Encoding.GetEncoding("GB18030").GetBytes(csv),
        })
        {
            Assert.Equal([("公安局说你涉嫌洗钱", "冒充公检法")], LabelledCsv.Read(new MemoryStream(bytes)));
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("words,kind\nx,y\n", "header")]
    [InlineData("content,text\nx,y\n", "header")]
    [InlineData("content,label\n\"never closed,spam\n", "never closed")]
    [InlineData("content,label\nno label here\n", "Line 2")]
    [InlineData("content,label\nok,spam\nblank label, \n", "Line 3")]
    public void Bad_files_are_rejected_with_a_reason(string csv, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => LabelledCsv.Read(new StringReader(csv)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_sets_parse()
    {
        Assert.True(TextClassifierTests.Read("fraud-dev.csv").Count > 1000);
        Assert.Equal(124, TextClassifierTests.Read("fraud-narratives.csv").Count);
        Assert.Equal(1000, TextClassifierTests.Read("sms-spam-en.csv").Count);
    }
}
