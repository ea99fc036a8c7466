using System.Buffers.Text;
using System.Runtime.CompilerServices;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Contacts;

/// <summary>
/// The usual shape of a CSV contact record, checked on its UTF-8 bytes without allocating: a mobile subscriber,
/// a digits-only counterparty, <c>call</c> or <c>sms</c>, a time <c>yyyy-MM-ddTHH:mm:ss</c> with <c>Z</c> or
/// <c>±hh:mm</c>, and an optional whole duration of at most a day. A line in this shape is valid. A line in any
/// other shape is not judged here: the caller reads it the general way, which accepts more forms and explains
/// what is wrong.
/// </summary>
public static class ContactLine
{
    public const int MaxDuration = 86_400;

    /// <summary>Where each field is: subscriber, counterparty, kind, at, and duration (-1 when the file has none).</summary>
    public readonly record struct Columns(int Subscriber, int Counterparty, int Kind, int At, int Duration)
    {
        public int Count { get; } = Math.Max(Math.Max(Math.Max(Subscriber, Counterparty), Math.Max(Kind, At)), Duration) + 1;
    }

    /// <summary>
    /// True when <paramref name="line"/> is a valid record in the usual shape; its counterparty digits are then
    /// written to <paramref name="counterparty"/> (at least 20 chars long) and their count returned in <paramref name="length"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(ReadOnlySpan<byte> line, in Columns columns, Span<char> counterparty, out int length)
    {
        length = 0;
        Span<Range> ranges = stackalloc Range[Math.Min(columns.Count + 1, 32)];
        if (columns.Count >= ranges.Length || line.IndexOf((byte)'"') >= 0)
        {
            return false;
        }
        if (Split(line, ranges) < columns.Count)
        {
            return false;
        }
        Span<char> subscriber = stackalloc char[11];
        if (!TryDigits(line[ranges[columns.Subscriber]], subscriber, out var subscriberLength)
            || !PhoneNumber.IsPlainMobile(subscriber[..subscriberLength])
            || !TryDigits(line[ranges[columns.Counterparty]], counterparty, out length))
        {
            return false;
        }
        var kind = line[ranges[columns.Kind]];
        if (!kind.SequenceEqual("call"u8) && !kind.SequenceEqual("sms"u8))
        {
            return false;
        }
        if (!IsTime(line[ranges[columns.At]]))
        {
            return false;
        }
        if (columns.Duration < 0 || line[ranges[columns.Duration]] is { IsEmpty: true })
        {
            return true;
        }
        var duration = line[ranges[columns.Duration]];
        return duration.Length <= 5 && IsDigits(duration) && Utf8Parser.TryParse(duration, out int seconds, out _) && seconds <= MaxDuration;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss</c> then <c>Z</c> or <c>±hh:mm</c>, a real calendar time between 1900 and 2999.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsTime(ReadOnlySpan<byte> t)
    {
        if (t.Length is not (20 or 25) || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':')
        {
            return false;
        }
        if (!TryNumber(t[..4], out var year) || !TryNumber(t[5..7], out var month) || !TryNumber(t[8..10], out var day)
            || !TryNumber(t[11..13], out var hour) || !TryNumber(t[14..16], out var minute) || !TryNumber(t[17..19], out var second))
        {
            return false;
        }
        if (year is < 1900 or > 2999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        if (t.Length == 20)
        {
            return t[19] is (byte)'Z' or (byte)'z';
        }
        return t[19] is (byte)'+' or (byte)'-' && t[22] == ':' && TryNumber(t[20..22], out var offsetHours) && TryNumber(t[23..25], out var offsetMinutes)
            && offsetMinutes <= 59 && (offsetHours < 14 || offsetHours == 14 && offsetMinutes == 0);
    }

    /// <summary>Fills <paramref name="ranges"/> with the first comma-separated fields; returns how many were found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Split(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        var start = 0;
        for (var n = 0; n < ranges.Length; n++)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                ranges[n] = start..line.Length;
                return n + 1;
            }
            ranges[n] = start..(start + comma);
            start += comma + 1;
        }
        return ranges.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<byte> field, Span<char> into, out int length)
    {
        length = field.Length;
        if (field.IsEmpty || field.Length > into.Length || !IsDigits(field))
        {
            return false;
        }
        for (var i = 0; i < field.Length; i++)
        {
            into[i] = (char)field[i];
        }
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> field) => !field.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
