using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Indicators;

/// <summary><c>POST /api/v1/indicators</c>: add an indicator, or update the one with the same type and value.</summary>
public static class SaveIndicator
{
    public sealed record Request(string? Type, string? Value, string? Status, string? Source, double? Confidence, DateTimeOffset? ExpiresAt);

    public sealed record Response(long Id, string Type, string Value, string Status, string Source, double Confidence,
        DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ExpiresAt);

    public static async Task<Results<Created<Response>, Ok<Response>, ProblemHttpResult>> Handle(
        Request request, AppDbContext db, BlacklistHolder blacklist, TimeProvider clock, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = Validate(request, user.Identity?.Name ?? "unknown", out var parsed);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (indicator, created) = await UpsertAsync(db, parsed!, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        blacklist.MarkDirty();
        var response = ToResponse(indicator);
        return created ? TypedResults.Created($"/api/v1/indicators?type={response.Type}&value={Uri.EscapeDataString(response.Value)}", response) : TypedResults.Ok(response);
    }

    public sealed record Parsed(IndicatorType Type, string Value, IndicatorStatus Status, string Source, double Confidence, DateTime? ExpiresAt);

    /// <summary>Checks and normalises a request; a missing source defaults to <paramref name="defaultSource"/>, the caller.</summary>
    public static Dictionary<string, string[]> Validate(Request request, string defaultSource, out Parsed? parsed)
    {
        parsed = null;
        var errors = new Dictionary<string, string[]>();
        if (!IndicatorValue.TryParseType(request.Type, out var type))
        {
            errors["type"] = [L.T("类型必须是 phone、account、url、domain、app、im 或 ip", "type must be phone, account, url, domain, app, im or ip")];
        }
        IndicatorStatus status = IndicatorStatus.Suspected;
        if (request.Status is not null && !IndicatorValue.TryParseStatus(request.Status, out status))
        {
            errors["status"] = [L.T("状态必须是 suspected、confirmed 或 whitelisted", "status must be suspected, confirmed or whitelisted")];
        }
        var source = string.IsNullOrWhiteSpace(request.Source) ? defaultSource : request.Source.Trim();
        if (source.Length > 100)
        {
            errors["source"] = [L.T("来源不能超过100个字符", "source must be at most 100 characters")];
        }
        if (request.Confidence is < 0 or > 1 || request.Confidence is double.NaN)
        {
            errors["confidence"] = [L.T("置信度应在 0 到 1 之间", "confidence must be between 0 and 1")];
        }
        string? value = null;
        if (!errors.ContainsKey("type"))
        {
            value = IndicatorValue.Normalise(type, request.Value, out var error);
            if (value is null)
            {
                errors["value"] = [L.T($"{IndicatorValue.Wire(type)} 值无效（{error}）", $"invalid {IndicatorValue.Wire(type)} value ({error})")];
            }
            else if (status != IndicatorStatus.Whitelisted && NeverFlag.Contains(type, value))
            {
                errors["value"] = [L.T($"{value} 在预警豁免名单中，不能列入黑名单", $"{value} is on the never-flag list and cannot be blacklisted")];
            }
        }
        if (errors.Count == 0)
        {
            parsed = new Parsed(type, value!, status, source, request.Confidence ?? 0.8, request.ExpiresAt?.UtcDateTime);
        }
        return errors;
    }

    public static async Task<(Indicator Indicator, bool Created)> UpsertAsync(AppDbContext db, Parsed parsed, DateTime now, CancellationToken ct)
    {
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Type == parsed.Type && i.Value == parsed.Value, ct);
        var created = indicator is null;
        indicator ??= db.Indicators.Add(New(parsed, now)).Entity;
        Apply(indicator, parsed, now);
        return (indicator, created);
    }

    /// <summary>
    /// Upserts many at once (an import's batch, each value once) in the caller's transaction: the stored ones are read
    /// with one query per type and updated (tracked, for the caller's save), the new ones inserted at once without
    /// change tracking. Returns how many were added.
    /// </summary>
    public static async Task<int> UpsertAsync(AppDbContext db, IReadOnlyCollection<Parsed> batch, DateTime now, CancellationToken ct)
    {
        var fresh = new List<Indicator>();
        foreach (var ofType in batch.GroupBy(p => p.Type))
        {
            var values = ofType.Select(p => p.Value).ToList();
            var stored = await db.Indicators.Where(i => i.Type == ofType.Key && values.Contains(i.Value)).ToDictionaryAsync(i => i.Value, ct);
            foreach (var parsed in ofType)
            {
                if (!stored.TryGetValue(parsed.Value, out var indicator))
                {
                    fresh.Add(indicator = New(parsed, now));
                }
                Apply(indicator, parsed, now);
            }
        }
        await RowInserter.InsertAsync(db, fresh, ct);
        return fresh.Count;
    }

    private static Indicator New(Parsed parsed, DateTime now) =>
        new() { Type = parsed.Type, Value = parsed.Value, Source = parsed.Source, FirstSeenAt = now };

    private static void Apply(Indicator indicator, Parsed parsed, DateTime now)
    {
        indicator.Status = parsed.Status;
        indicator.Source = parsed.Source;
        indicator.Confidence = parsed.Confidence;
        indicator.ExpiresAt = parsed.ExpiresAt;
        indicator.LastSeenAt = now;
        indicator.UpdatedAt = now;
    }

    public static Response ToResponse(Indicator i) => new(i.Id, IndicatorValue.Wire(i.Type), i.Value, IndicatorValue.Wire(i.Status), i.Source, i.Confidence,
        new DateTimeOffset(i.FirstSeenAt), new DateTimeOffset(i.LastSeenAt), i.ExpiresAt is { } e ? new DateTimeOffset(e) : null);
}
