using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Indicators;

/// <summary><c>GET /api/v1/indicators?type=..&amp;value=..</c>: look an indicator up (the value is normalised first), or list by type.</summary>
public static class FindIndicators
{
    public sealed record Response(IReadOnlyList<SaveIndicator.Response> Items, bool NeverFlag, bool Matches);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(string? type, string? value, int? take,
        AppDbContext db, BlacklistHolder blacklist, CancellationToken ct)
    {
        var query = db.Indicators.AsNoTracking();
        IndicatorType parsedType = default;
        if (type is not null)
        {
            if (!IndicatorValue.TryParseType(type, out parsedType))
            {
                return Problems.BadRequest("类型必须是 phone、account、url、domain、app、im 或 ip", "type must be phone, account, url, domain, app, im or ip");
            }
            query = query.Where(i => i.Type == parsedType);
        }
        string? normalised = null;
        if (value is not null)
        {
            if (type is null)
            {
                return Problems.BadRequest("按值查询时必须给出类型", "Give the type when looking up a value");
            }
            normalised = IndicatorValue.Normalise(parsedType, value, out var error);
            if (normalised is null)
            {
                return Problems.BadRequest($"值无效（{error}）", $"Invalid value ({error})");
            }
            query = query.Where(i => i.Value == normalised);
        }
        var rows = await query.OrderByDescending(i => i.UpdatedAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        var neverFlag = normalised is not null && NeverFlag.Contains(parsedType, normalised);
        var matches = normalised is not null && blacklist.Current.TryMatch(parsedType, normalised, out _);
        return TypedResults.Ok(new Response(rows.Select(SaveIndicator.ToResponse).ToList(), neverFlag, matches));
    }
}
