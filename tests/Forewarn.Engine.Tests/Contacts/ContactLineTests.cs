using System.Globalization;
using System.Text;
using CsCheck;
using Forewarn.Engine.Contacts;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Contacts;

public sealed class ContactLineTests
{
    private static readonly ContactLine.Columns Usual = new(0, 1, 2, 3, 4);

    private static bool Read(string line, out string counterparty) => Read(line, Usual, out counterparty);

    private static bool Read(string line, ContactLine.Columns columns, out string counterparty)
    {
        Span<char> digits = stackalloc char[20];
        var ok = ContactLine.TryRead(Encoding.UTF8.GetBytes(line), columns, digits, out var length);
        counterparty = ok ? digits[..length].ToString() : "";
        return ok;
    }

    [Theory]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00+08:00,95", "17012345678")]
    [InlineData("13812345678,95588,sms,2026-11-01T00:00:00Z,", "95588")]
    [InlineData("19912345678,02362345678,call,2024-02-29T23:59:59-05:30,86400", "02362345678")]
    public void A_record_in_the_usual_shape_is_read_without_the_general_path(string line, string counterparty)
    {
        Assert.True(Read(line, out var read));
        Assert.Equal(counterparty, read);
    }

    [Theory]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00+08:00")] // no duration column in a file that has one
    [InlineData("\"13812345678\",17012345678,call,2026-11-01T08:00:00+08:00,95")] // quoted
    [InlineData(" 13812345678,17012345678,call,2026-11-01T08:00:00+08:00,95")] // padded
    [InlineData("02362345678,17012345678,call,2026-11-01T08:00:00+08:00,95")] // landline subscriber: general path
    [InlineData("12012345678,17012345678,call,2026-11-01T08:00:00+08:00,95")] // no such mobile prefix
    [InlineData("13812345678,+8617012345678,call,2026-11-01T08:00:00+08:00,95")] // written with a country code
    [InlineData("13812345678,,call,2026-11-01T08:00:00+08:00,95")]
    [InlineData("13812345678,17012345678,Call,2026-11-01T08:00:00+08:00,95")]
    [InlineData("13812345678,17012345678,call,2026-02-29T08:00:00+08:00,95")] // not a leap year
    [InlineData("13812345678,17012345678,call,2026-11-01T24:00:00+08:00,95")]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00+15:00,95")]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00.5+08:00,95")] // fractions: general path
    [InlineData("13812345678,17012345678,call,2026-11-01 08:00:00,95")]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00+08:00,86401")]
    [InlineData("13812345678,17012345678,call,2026-11-01T08:00:00+08:00,-1")]
    [InlineData("13812345678,170123456781234567890,call,2026-11-01T08:00:00+08:00,95")] // longer than any number
    public void Anything_else_is_left_to_the_general_path(string line) => Assert.False(Read(line, out _));

    [Fact]
    public void Columns_may_come_in_any_order_and_duration_may_be_absent()
    {
        Assert.True(Read("call,2026-11-01T08:00:00Z,17012345678,13812345678", new ContactLine.Columns(3, 2, 0, 1, -1), out var counterparty));
        Assert.Equal("17012345678", counterparty);
    }

    private static readonly Gen<string> Digits = Gen.Char['0', '9'].Array[0, 22].Select(c => new string(c));

    private static readonly Gen<string> Field = Gen.OneOf(
        Digits, Gen.OneOf(Gen.Const("call"), Gen.Const("sms"), Gen.Const("CALL"), Gen.Const("")),
        Gen.Select(Gen.Int[1890, 3010], Gen.Int[0, 13], Gen.Int[0, 32], Gen.Int[0, 25], Gen.Int[0, 60], Gen.Int[-16, 16],
            Gen.OneOf(Gen.Const("Z"), Gen.Const("+"), Gen.Const("-"), Gen.Const(".5Z")),
            (y, mo, d, h, mi, off, zone) => $"{y:D4}-{mo:D2}-{d:D2}T{h:D2}:{mi:D2}:{mi:D2}" + (zone is "+" or "-" ? $"{zone}{Math.Abs(off):D2}:{mi % 60:D2}" : zone)),
        Gen.Int[-5, 90_000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12]);

    /// <summary>The fast path may say "not mine" to anything, but what it accepts, the general validators accept too.</summary>
    [Fact]
    public void What_the_usual_shape_accepts_is_valid_by_the_general_rules()
    {
        var realistic = Gen.Select(PhoneGen, Digits, Gen.OneOf(Gen.Const("call"), Gen.Const("sms")), Field, Gen.Int[0, 86_400])
            .Select((s, c, k, at, dur) => string.Join(',', s, c, k, at, dur.ToString(CultureInfo.InvariantCulture)));
        Gen.OneOf(realistic, Field.Array[5].Select(f => string.Join(',', f))).Sample(line =>
        {
            if (!Read(line, out var counterparty))
            {
                return;
            }
            var f = line.Split(',');
            Assert.True(PhoneNumber.TryParse(f[0], out var subscriber) && subscriber.Kind == PhoneKind.Mobile, line);
            Assert.Equal(f[1], counterparty);
            Assert.Contains(f[2], new[] { "call", "sms" });
            Assert.True(DateTimeOffset.TryParse(f[3], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), line);
            Assert.True(f[4].Length == 0 || int.Parse(f[4], CultureInfo.InvariantCulture) is >= 0 and <= ContactLine.MaxDuration, line);
        }, iter: 200_000);
    }

    private static readonly Gen<string> PhoneGen = Gen.OneOf(Gen.Const("13"), Gen.Const("15"), Gen.Const("17"), Gen.Const("12"), Gen.Const("19"))
        .Select(Gen.Long[0, 999_999_999], (p, n) => p + n.ToString("D9", CultureInfo.InvariantCulture));
}
