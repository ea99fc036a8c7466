using Forewarn.Engine.Territory;

namespace Forewarn.Engine.Tests.Territory;

public class PhoneSegmentTableTests
{
    private const string Sample = """
        prefix7,province,city,zip_code,area_code,card_type,carrier
        1300000,山东,济南,250000,0531,中国联通GSM卡,中国联通
        1390230,重庆,重庆,400000,023,"中国移动GSM卡, 全球通",中国移动
        "1890235",重庆,重庆,400000,023,中国电信CDMA卡,中国电信
        12345,重庆,重庆,400000,023,中国移动GSM卡,中国移动
        1390231,重庆,重庆,400000,023
        1390232,"重庆,重庆,400000,023,中国移动GSM卡,中国移动
        1390230,北京,北京,100000,010,中国移动GSM卡,中国移动

        """;

    [Fact]
    public void Loads_quoted_fields_and_counts_bad_rows()
    {
        var table = PhoneSegmentTable.Load(new StringReader(Sample));

        Assert.Equal(3, table.Count);
        // Short prefix, missing columns, unterminated quote, repeated prefix.
        Assert.Equal(4, table.Rejected);
    }

    [Fact]
    public void Finds_a_number_by_its_first_seven_digits()
    {
        var table = PhoneSegmentTable.Load(new StringReader(Sample));

        Assert.True(table.TryFind("13902301234", out var chongqing));
        Assert.Equal(new PhoneSegment("1390230", "重庆", "重庆", "023", "中国移动"), chongqing);
        Assert.True(table.TryFind("18902359999", out var telecom));
        Assert.Equal("中国电信", telecom.Carrier);
        Assert.True(table.TryFind("13000001111", out var jinan));
        Assert.Equal("济南", jinan.City);
    }

    [Theory]
    [InlineData("13902311234")]
    [InlineData("1390230123")]
    [InlineData("139023012345")]
    [InlineData("+8613902301")]
    [InlineData("1390230abcd")]
    [InlineData("")]
    public void Unknown_or_malformed_numbers_are_not_found(string mobile)
    {
        var table = PhoneSegmentTable.Load(new StringReader(Sample));

        Assert.False(table.TryFind(mobile, out var segment));
        Assert.Null(segment);
    }

    [Fact]
    public void Table_rebuilt_from_stored_rows_answers_the_same()
    {
        PhoneSegment[] rows =
        [
            new("1390230", "重庆", "重庆", "023", "中国移动"),
            new("1390231", "重庆", "重庆", "023", "中国移动"),
            new("1300000", "山东", "济南", "0531", "中国联通"),
        ];

        var table = new PhoneSegmentTable(rows);

        Assert.Equal(3, table.Count);
        Assert.Equal(0, table.Rejected);
        Assert.All(rows, row =>
        {
            Assert.True(table.TryFind(row.Prefix7 + "0000", out var found));
            Assert.Equal(row, found);
        });
        Assert.Same(Find(table, "13902300000").Province, Find(table, "13902310000").Province);
    }

    [Fact]
    public void Rows_with_bad_or_repeated_prefixes_are_rejected_by_the_constructor()
    {
        Assert.Throws<ArgumentException>(() => new PhoneSegmentTable([new PhoneSegment("139023", "重庆", "重庆", "023", "中国移动")]));
        Assert.Throws<ArgumentException>(() => new PhoneSegmentTable(
        [
            new PhoneSegment("1390230", "重庆", "重庆", "023", "中国移动"),
            new PhoneSegment("1390230", "北京", "北京", "010", "中国移动"),
        ]));
    }

    [Fact]
    public void File_without_the_expected_header_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => PhoneSegmentTable.Load(new StringReader("")));
        var error = Assert.Throws<InvalidDataException>(() => PhoneSegmentTable.Load(new StringReader("prefix,province,city\n1390230,重庆,重庆\n")));
        Assert.Contains("prefix7", error.Message, StringComparison.Ordinal);
    }

    private static PhoneSegment Find(PhoneSegmentTable table, string mobile) =>
        table.TryFind(mobile, out var segment) ? segment : throw new KeyNotFoundException(mobile);
}
