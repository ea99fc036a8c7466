using System.Net;
using System.Text.RegularExpressions;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Values;

namespace Forewarn.Server.Features.Indicators;

/// <summary>Normalises a raw indicator value of a given type so that equal values compare equal everywhere.</summary>
public static partial class IndicatorValue
{
    public static bool TryParseType(string? raw, out IndicatorType type) =>
        Enum.TryParse(raw, ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(raw, out _);

    public static bool TryParseStatus(string? raw, out IndicatorStatus status) =>
        Enum.TryParse(raw, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(raw, out _);

    public static string Wire(IndicatorType type) => type.ToString().ToLowerInvariant();

    public static string Wire(IndicatorStatus status) => status.ToString().ToLowerInvariant();

    /// <returns>The normalised value, or null with a stable error code.</returns>
    public static string? Normalise(IndicatorType type, string? raw, out string? error)
    {
        error = null;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "missing";
            return null;
        }
        switch (type)
        {
            case IndicatorType.Phone:
                return PhoneNumber.TryParse(text, out var phone, out error) ? phone.Value : null;
            case IndicatorType.Account:
                if (BankCard.TryParse(text, out var card))
                {
                    return card.Value;
                }
                var compact = Separators().Replace(text, "");
                if (AccountPattern().IsMatch(compact))
                {
                    return compact.ToLowerInvariant();
                }
                error = "format";
                return null;
            case IndicatorType.Url:
                return WebUrl.TryParse(text, out var url, out error) ? url.Value : null;
            case IndicatorType.Domain:
                return Domain.TryParse(text, out var domain, out error) ? domain.Value : null;
            case IndicatorType.App:
            case IndicatorType.Im:
                if (text.Length <= 200 && !text.Any(char.IsWhiteSpace) && !text.Any(char.IsControl))
                {
                    return text.ToLowerInvariant();
                }
                error = "format";
                return null;
            case IndicatorType.Ip:
                if (IPAddress.TryParse(text, out var ip))
                {
                    return ip.ToString();
                }
                error = "format";
                return null;
            default:
                error = "type";
                return null;
        }
    }

    [GeneratedRegex(@"[\s\-]")]
    private static partial Regex Separators();

    /// <summary>A bank account that isn't a card (8–30 digits), or a payment account: an e-mail or a handle.</summary>
    [GeneratedRegex(@"^(\d{8,30}|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|[A-Za-z0-9_.\-]{4,64})$")]
    private static partial Regex AccountPattern();
}
