using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class BankCardTests
{
    [Theory]
    [InlineData("6222020200112341231", "6222020200112341231")]
    [InlineData("4111 1111 1111 1111", "4111111111111111")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    [InlineData(" 5500 0000 0000 0004 ", "5500000000000004")]
    [InlineData("123456789015", "123456789015")]
    public void Luhn_valid_card_number_normalises_to_digits(string input, string expected)
    {
        Assert.Equal(expected, BankCard.Parse(input).Value);
    }

    [Theory]
    [InlineData("4111111111111112", "checksum")]
    [InlineData("6222020200112341235", "checksum")]
    [InlineData("12345678901", "length")]
    [InlineData("41111111111111111111", "length")]
    [InlineData("4111 1111 1111 111a", "format")]
    [InlineData("4111/1111/1111/1111", "format")]
    [InlineData("", "missing")]
    [InlineData(null, "missing")]
    public void Bad_card_number_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(BankCard.TryParse(input, out var card, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, card);
    }

    [Theory]
    [InlineData("6222020200112341231", "622202*********1231")]
    [InlineData("4111111111111111", "411111******1111")]
    [InlineData("123456789015", "123456**9015")]
    public void Mask_keeps_issuer_prefix_and_last_four(string input, string masked)
    {
        Assert.Equal(masked, BankCard.Parse(input).Masked);
    }

    [Fact]
    public void Mask_of_a_sixteen_digit_card_fills_the_middle_with_stars()
    {
        var card = BankCard.Create("622202", 16, new Random(7));

        Assert.Equal("622202******" + card.Value[^4..], card.Masked);
    }

    [Fact]
    public void Create_rejects_impossible_lengths_and_prefixes()
    {
        var random = new Random(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => BankCard.Create("62", 11, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => BankCard.Create("62", 20, random));
        Assert.Throws<ArgumentException>(() => BankCard.Create("6222020200112", 13, random));
        Assert.Throws<ArgumentException>(() => BankCard.Create("62a", 16, random));
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => BankCard.Parse("4111111111111112"));

        Assert.Contains("checksum", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Created_card_has_the_prefix_and_length_and_parses_back()
    {
        ValueGens.Card.Sample(card =>
        {
            Assert.InRange(card.Value.Length, 12, 19);
            Assert.Equal(card, BankCard.Parse(card.Value));
        }, iter: 1000);
    }

    [Fact]
    public void Changing_any_single_digit_of_a_valid_card_is_rejected()
    {
        Gen.Select(ValueGens.Card, Gen.Int[0, 18], Gen.Int[1, 9]).Sample((card, index, shift) =>
        {
            var chars = card.Value.ToCharArray();
            var position = index % chars.Length;
            chars[position] = (char)('0' + ((chars[position] - '0' + shift) % 10));

            Assert.False(BankCard.TryParse(new string(chars), out _, out var error));
            Assert.Equal("checksum", error);
        }, iter: 2000);
    }

    [Fact]
    public void Mask_never_shows_the_middle_digits()
    {
        ValueGens.Card.Sample(card =>
        {
            var masked = card.Masked;
            Assert.Equal(card.Value.Length, masked.Length);
            Assert.Equal(card.Value[..6], masked[..6]);
            Assert.Equal(card.Value[^4..], masked[^4..]);
            Assert.All(masked[6..^4], c => Assert.Equal('*', c));
        });
    }

    [Fact]
    public void Parsing_the_value_of_a_spaced_card_gives_the_same_card()
    {
        ValueGens.Card.Sample(card =>
        {
            var spaced = string.Join(' ', card.Value.Chunk(4).Select(g => new string(g)));
            var parsed = BankCard.Parse(spaced);
            Assert.Equal(card, parsed);
            Assert.Equal(parsed, BankCard.Parse(parsed.Value));
        });
    }
}
