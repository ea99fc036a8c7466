using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Stats;
using Forewarn.Server.Features.Territory;

namespace Forewarn.Server.Features.Cases;

/// <summary>Small helpers the crackdown areas share: the caller's units, paging and period filters.</summary>
public static class Jurisdiction
{
    /// <summary>The named unit (or the caller's own when none is named), if it lies in the caller's territory.</summary>
    public static UnitInfo? UnitFor(TerritoryMap map, ClaimsPrincipal user, string? code)
    {
        var callerPath = user.FindFirstValue(ForewarnClaims.UnitPath) ?? TerritoryScope.Nothing;
        var unit = map.Find(string.IsNullOrWhiteSpace(code) ? user.FindFirstValue(ForewarnClaims.Unit) ?? "" : code.Trim());
        return unit is not null && unit.UnitPath.StartsWith(callerPath, StringComparison.Ordinal) ? unit : null;
    }

    public static Dictionary<string, string[]> UnitError(Dictionary<string, string[]> errors, string field = "unitCode")
    {
        errors[field] = [L.T("单位不存在或不在您的辖区内", "no such unit in your jurisdiction")];
        return errors;
    }

    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static (int Page, int Size) Paging(int? page, int? pageSize) => (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 50, 1, 200));

    /// <summary>Parses <c>from</c>/<c>to</c> (ISO 8601 or a China-time date; <c>to</c> of a date is the end of that day).</summary>
    public static bool TryPeriod(string? from, string? to, Dictionary<string, string[]> errors, out DateTime? start, out DateTime? end)
    {
        start = end = null;
        if (from is not null)
        {
            if (StatsQuery.TryTime(from, endOfDay: false, out var f))
            {
                start = f;
            }
            else
            {
                errors["from"] = [L.T($"无法解析的时间：{from}", $"unparsable time '{from}'")];
            }
        }
        if (to is not null)
        {
            if (StatsQuery.TryTime(to, endOfDay: true, out var t))
            {
                end = t;
            }
            else
            {
                errors["to"] = [L.T($"无法解析的时间：{to}", $"unparsable time '{to}'")];
            }
        }
        return !errors.ContainsKey("from") && !errors.ContainsKey("to");
    }

    /// <summary>An ISO 8601 time, or a plain date taken as the start of that China-time day.</summary>
    public static bool TryTime(string? text, out DateTime utc)
    {
        utc = default;
        return text is not null && StatsQuery.TryTime(text.Trim(), endOfDay: false, out utc);
    }
}
