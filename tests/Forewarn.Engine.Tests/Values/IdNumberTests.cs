using System.Globalization;
using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class IdNumberTests
{
    // A checksum-valid sample number: 渝北区 (500112), born 1990-03-08, sequence 004 (female).
    private const string KnownId = "500112199003080043";

    [Fact]
    public void Valid_number_exposes_its_parts()
    {
        var id = IdNumber.Parse(KnownId);

        Assert.Equal(KnownId, id.Value);
        Assert.Equal("500112", id.RegionCode);
        Assert.Equal(new DateOnly(1990, 3, 8), id.BirthDate);
        Assert.False(id.IsMale);
        Assert.Equal("500112********0043", id.Masked);
    }

    [Fact]
    public void Lower_case_x_and_surrounding_spaces_are_accepted()
    {
        var id = IdNumber.Create("110105", new DateOnly(1985, 12, 1), 123);
        Assert.EndsWith("X", id.Value, StringComparison.Ordinal);

        var parsed = IdNumber.Parse("  " + id.Value.ToLowerInvariant() + " ");

        Assert.Equal(id, parsed);
        Assert.True(parsed.IsMale);
    }

    [Theory]
    [InlineData("500112199003080042", "checksum")]
    [InlineData("500112199003080048", "checksum")]
    [InlineData("500112199002300040", "birthdate")]
    [InlineData("500112189912310046", "birthdate")]
    [InlineData("500112210101010043", "birthdate")]
    [InlineData("500112199013070041", "birthdate")]
    [InlineData("990112199003070049", "region")]
    [InlineData("160112199003070044", "region")]
    [InlineData("50011219900307004", "length")]
    [InlineData("5001121990030700433", "length")]
    [InlineData("500112199003070", "length")]
    [InlineData("50011219900307004A", "format")]
    [InlineData("5001121990X3070043", "format")]
    [InlineData("500112 19900307 0043", "format")]
    [InlineData("", "missing")]
    [InlineData(" ", "missing")]
    [InlineData(null, "missing")]
    public void Bad_id_number_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(IdNumber.TryParse(input, out var id, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, id);
    }

    [Fact]
    public void Birth_date_after_today_is_rejected_when_today_is_given()
    {
        var id = IdNumber.Create("500112", new DateOnly(2030, 1, 1), 1).Value;

        Assert.True(IdNumber.TryParse(id, out _, out _));
        Assert.True(IdNumber.TryParse(id, new DateOnly(2030, 1, 1), out _, out _));
        Assert.False(IdNumber.TryParse(id, new DateOnly(2029, 12, 31), out _, out var error));
        Assert.Equal("birthdate", error);
    }

    [Fact]
    public void Leap_day_birth_date_is_accepted_only_in_leap_years()
    {
        Assert.True(IdNumber.TryParse(IdNumber.Create("500112", new DateOnly(2000, 2, 29), 11).Value, out _));
        Assert.False(IdNumber.TryParse("500112190002290013", out _, out var error));
        Assert.Equal("birthdate", error);
    }

    [Theory]
    [InlineData("2020-03-07", 29)]
    [InlineData("2020-03-08", 30)]
    [InlineData("2020-12-31", 30)]
    [InlineData("1990-03-08", 0)]
    public void Age_counts_whole_years_since_birth(string day, int age)
    {
        Assert.Equal(age, IdNumber.Parse(KnownId).AgeOn(DateOnly.Parse(day, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Someone_born_on_a_leap_day_turns_older_on_the_first_of_march()
    {
        var id = IdNumber.Create("500112", new DateOnly(2000, 2, 29), 11);

        Assert.Equal(0, id.AgeOn(new DateOnly(2001, 2, 28)));
        Assert.Equal(1, id.AgeOn(new DateOnly(2001, 3, 1)));
        Assert.Equal(4, id.AgeOn(new DateOnly(2004, 2, 29)));
    }

    [Fact]
    public void Create_rejects_impossible_parts()
    {
        Assert.Throws<ArgumentException>(() => IdNumber.Create("990112", new DateOnly(1990, 1, 1), 1));
        Assert.Throws<ArgumentException>(() => IdNumber.Create("50011", new DateOnly(1990, 1, 1), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumber.Create("500112", new DateOnly(1899, 12, 31), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumber.Create("500112", new DateOnly(1990, 1, 1), 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdNumber.Create("500112", new DateOnly(1990, 1, 1), -1));
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => IdNumber.Parse("500112199003080042"));

        Assert.Contains("checksum", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Created_number_always_parses_back_with_the_same_parts()
    {
        Gen.Select(ValueGens.RegionCode, ValueGens.BirthDate, Gen.Int[0, 999]).Sample((region, birth, sequence) =>
        {
            var created = IdNumber.Create(region, birth, sequence);
            var parsed = IdNumber.Parse(created.Value);

            Assert.Equal(created, parsed);
            Assert.Equal(region, parsed.RegionCode);
            Assert.Equal(birth, parsed.BirthDate);
            Assert.Equal(sequence % 2 == 1, parsed.IsMale);
            Assert.Equal(sequence, int.Parse(parsed.Value[14..17], CultureInfo.InvariantCulture));
        }, iter: 1000);
    }

    [Fact]
    public void Changing_any_single_character_of_a_valid_number_is_rejected()
    {
        Gen.Select(ValueGens.Id, Gen.Int[0, 17], Gen.Int[1, 10]).Sample((id, position, shift) =>
        {
            // Positions 0-16 hold digits (shifted by 1-9); the check character has eleven values (shifted by 1-10).
            const string checkChars = "0123456789X";
            var chars = id.Value.ToCharArray();
            chars[position] = position < 17
                ? (char)('0' + ((chars[position] - '0' + 1 + ((shift - 1) % 9)) % 10))
                : checkChars[(checkChars.IndexOf(chars[17], StringComparison.Ordinal) + shift) % 11];
            var changed = new string(chars);

            Assert.NotEqual(id.Value, changed);
            Assert.False(IdNumber.TryParse(changed, out _));
        }, iter: 2000);
    }

    [Fact]
    public void Mask_never_shows_the_birth_date_or_sequence()
    {
        ValueGens.Id.Sample(id =>
        {
            Assert.Equal(id.Value[..6] + "********" + id.Value[^4..], id.Masked);
        });
    }

    [Fact]
    public void Parsing_the_value_gives_the_same_number_and_reuses_the_string()
    {
        ValueGens.Id.Sample(id =>
        {
            var parsed = IdNumber.Parse(id.Value);
            Assert.Equal(id, parsed);
            Assert.Same(id.Value, parsed.Value);
        });
    }
}
