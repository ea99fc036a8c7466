using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class PhoneNumberTests
{
    private static readonly Gen<string> Separator = Gen.OneOf("", "", " ", "-", ".", "  ", " - ");
    private static readonly Gen<string> CountryCode = Gen.OneOf("", "", "+86", "+86 ", "+86-", "(+86) ", "0086", "0086 ", "86", "86 ");

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+8613812345678")]
    [InlineData("008613812345678")]
    [InlineData("8613812345678")]
    [InlineData("138-1234-5678")]
    [InlineData("138.1234.5678")]
    [InlineData("(138) 1234 5678")]
    [InlineData("  138 1234 5678  ")]
    [InlineData("１３８１２３４５６７８")]
    public void Mobile_in_common_spellings_normalises_to_eleven_digits(string input)
    {
        var phone = PhoneNumber.Parse(input);

        Assert.Equal("13812345678", phone.Value);
        Assert.Equal(PhoneKind.Mobile, phone.Kind);
        Assert.Equal("1381234", phone.Prefix7);
        Assert.Null(phone.AreaCode);
    }

    [Fact]
    public void Mobile_with_plus86_and_dashes_normalises()
    {
        Assert.Equal("13912345678", PhoneNumber.Parse("+86-139-1234-5678").Value);
    }

    [Fact]
    public void Mobile_is_masked_in_the_middle()
    {
        Assert.Equal("138****5678", PhoneNumber.Parse("13812345678").Masked);
    }

    [Theory]
    [InlineData("14512345678")]
    [InlineData("15012345678")]
    [InlineData("16212345678")]
    [InlineData("17012345678")]
    [InlineData("17812345678")]
    [InlineData("19912345678")]
    public void Mobile_with_an_assigned_prefix_is_accepted(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out var phone));
        Assert.Equal(PhoneKind.Mobile, phone.Kind);
    }

    [Theory]
    [InlineData("12012345678")]
    [InlineData("10012345678")]
    [InlineData("11012345678")]
    [InlineData("14412345678")]
    [InlineData("15412345678")]
    [InlineData("16012345678")]
    [InlineData("17912345678")]
    [InlineData("+86 120 1234 5678")]
    public void Mobile_with_an_unassigned_prefix_is_rejected_as_prefix(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out _, out var error));
        Assert.Equal("prefix", error);
    }

    [Theory]
    [InlineData("023-62345678", "02362345678", "023")]
    [InlineData("(023) 6234 5678", "02362345678", "023")]
    [InlineData("+86 23 6234 5678", "02362345678", "023")]
    [InlineData("0086 23 62345678", "02362345678", "023")]
    [InlineData("+86 (0)23 6234 5678", "02362345678", "023")]
    [InlineData("010-12345678", "01012345678", "010")]
    [InlineData("+86 10 2345 6789", "01023456789", "010")]
    [InlineData("0755-1234567", "07551234567", "0755")]
    [InlineData("0755-71234567", "075571234567", "0755")]
    [InlineData("023-12345678", "02312345678", "023")]
    public void Landline_with_area_code_normalises_to_digits_with_leading_zero(string input, string expected, string areaCode)
    {
        var phone = PhoneNumber.Parse(input);

        Assert.Equal(expected, phone.Value);
        Assert.Equal(PhoneKind.Landline, phone.Kind);
        Assert.Equal(areaCode, phone.AreaCode);
        Assert.Null(phone.Prefix7);
    }

    [Theory]
    [InlineData("023-62345678", "023****5678")]
    [InlineData("0755-1234567", "0755***4567")]
    public void Landline_is_masked_keeping_area_code_and_last_four(string input, string masked)
    {
        Assert.Equal(masked, PhoneNumber.Parse(input).Masked);
    }

    [Theory]
    [InlineData("023-02345678", "prefix")]
    [InlineData("011-62345678", "prefix")]
    [InlineData("001-62345678", "prefix")]
    [InlineData("023-623456", "length")]
    [InlineData("023-623456789", "length")]
    [InlineData("62345678", "prefix")]
    public void Landline_with_a_bad_area_code_or_local_number_is_rejected(string input, string expected)
    {
        Assert.False(PhoneNumber.TryParse(input, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("110")]
    [InlineData("119")]
    [InlineData("120")]
    [InlineData("122")]
    [InlineData("96110")]
    [InlineData("95588")]
    [InlineData("96688")]
    [InlineData("12345")]
    [InlineData("12321")]
    [InlineData("12381")]
    [InlineData("4008123123")]
    [InlineData("8008208820")]
    public void Service_number_is_kept_whole_and_not_masked(string input)
    {
        var phone = PhoneNumber.Parse(input);

        Assert.Equal(PhoneKind.Service, phone.Kind);
        Assert.Equal(input, phone.Value);
        Assert.Equal(input, phone.Masked);
        Assert.Null(phone.Prefix7);
        Assert.Null(phone.AreaCode);
    }

    [Theory]
    [InlineData("400-812-3123", "4008123123")]
    [InlineData("+86 400 812 3123", "4008123123")]
    [InlineData("9 6 1 1 0", "96110")]
    public void Service_number_with_separators_normalises(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Parse(input).Value);
    }

    [Fact]
    public void Anti_fraud_warning_line_is_a_service_number()
    {
        Assert.Equal(PhoneKind.Service, PhoneNumber.Parse("96110").Kind);
    }

    [Theory]
    [InlineData("111", "prefix")]
    [InlineData("13800", "prefix")]
    [InlineData("97588", "prefix")]
    [InlineData("4108123123", "prefix")]
    [InlineData("1381234567", "length")]
    [InlineData("138123456789", "length")]
    [InlineData("1234", "length")]
    [InlineData("955880", "length")]
    [InlineData("40081231234", "length")]
    [InlineData("123456789012345678", "length")]
    [InlineData("+1 212 555 0100", "prefix")]
    [InlineData("138abcd5678", "format")]
    [InlineData("138 1234 5678 ext", "format")]
    [InlineData("138+12345678", "format")]
    [InlineData("---", "format")]
    [InlineData("", "missing")]
    [InlineData("   ", "missing")]
    [InlineData(null, "missing")]
    public void Bad_phone_number_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(PhoneNumber.TryParse(input, out var phone, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, phone);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => PhoneNumber.Parse("12012345678"));

        Assert.Contains("prefix", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_a_normalised_value_reuses_the_string()
    {
        const string digits = "13812345678";

        Assert.Same(digits, PhoneNumber.Parse(digits).Value);
    }

    [Fact]
    public void To_string_is_the_value()
    {
        Assert.Equal("02362345678", PhoneNumber.Parse("023-62345678").ToString());
    }

    [Fact]
    public void Any_valid_mobile_with_random_prefix_and_separators_parses_to_its_digits()
    {
        Gen.Select(ValueGens.Mobile, CountryCode, Separator, Separator, Gen.Bool)
            .Sample((mobile, country, sep1, sep2, perDigit) =>
            {
                var body = perDigit
                    ? string.Join(sep1, mobile.ToCharArray())
                    : mobile[..3] + sep1 + mobile[3..7] + sep2 + mobile[7..];
                var phone = PhoneNumber.Parse(country + body);
                Assert.Equal(mobile, phone.Value);
                Assert.Equal(PhoneKind.Mobile, phone.Kind);
            }, iter: 1000);
    }

    [Fact]
    public void Any_eleven_digit_number_starting_with_1_and_an_unassigned_prefix_is_rejected()
    {
        ValueGens.Digits(10)
            .Select(rest => "1" + rest)
            .Where(n => !ValueGens.MobilePrefixes3.Contains(n[..3]))
            .Sample(number =>
            {
                Assert.False(PhoneNumber.TryParse(number, out _, out var error));
                Assert.Equal("prefix", error);
            }, iter: 1000);
    }

    [Fact]
    public void Mobile_mask_hides_exactly_the_middle_four_digits()
    {
        ValueGens.Mobile.Sample(mobile =>
        {
            var masked = PhoneNumber.Parse(mobile).Masked;
            Assert.Equal(mobile[..3] + "****" + mobile[7..], masked);
        });
    }

    [Fact]
    public void Landline_mask_never_shows_the_middle_digits()
    {
        Gen.Select(Gen.OneOf("010", "023", "0755", "0411"), Gen.Char["23456789"], ValueGens.Digits(6), Gen.Bool,
            (area, first, rest, eight) => area + first + (eight ? rest + "0" : rest))
            .Sample(number =>
            {
                var phone = PhoneNumber.Parse(number);
                var area = phone.AreaCode!;
                Assert.Equal(number.Length, phone.Masked.Length);
                Assert.StartsWith(area, phone.Masked, StringComparison.Ordinal);
                Assert.EndsWith(number[^4..], phone.Masked, StringComparison.Ordinal);
                Assert.All(phone.Masked[area.Length..^4], c => Assert.Equal('*', c));
            });
    }

    [Fact]
    public void Parsing_the_value_of_any_phone_number_gives_the_same_number()
    {
        Gen.OneOf(
                ValueGens.Mobile.Select(m => "+86 " + m),
                Gen.Select(Gen.OneOf("023-", "(010) ", "0755 "), Gen.Char["23456789"], ValueGens.Digits(6), (a, f, r) => a + f + r),
                Gen.OneOf("110", "96110", "95588", "12345", "400-812-3123"))
            .Sample(input =>
            {
                var phone = PhoneNumber.Parse(input);
                Assert.Equal(phone, PhoneNumber.Parse(phone.Value));
            });
    }
}
