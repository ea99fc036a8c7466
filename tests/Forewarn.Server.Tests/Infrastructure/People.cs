using System.Globalization;

namespace Forewarn.Server.Tests.Infrastructure;

/// <summary>Made-up people with valid GB 11643 ID numbers, different on every call.</summary>
public static class People
{
    private static int _counter = Random.Shared.Next(0, 500_000);

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string NewIdNumber(string region = "500112")
    {
        var n = Interlocked.Increment(ref _counter);
        var birth = new DateOnly(1960, 1, 1).AddDays(n % 15_000);
        var body = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A 16-digit UnionPay-style card number with a valid Luhn check digit.</summary>
    public static string NewCardNumber()
    {
        var body = "621700" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return body + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
