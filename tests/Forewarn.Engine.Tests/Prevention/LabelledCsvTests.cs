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
    [InlineData("", "empty")]
    [InlineData("text,kind\nx,y\n", "header")]
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
        Assert.Equal(1000, TextClassifierTests.Read("sms-spam-en.csv").Count);
    }
}
