using System.Security.Claims;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// <c>POST /api/v1/cases</c> <c>{ title, fraudType, occurredAt, loss, victims: [{ name, phone, idNumber? }], indicators: [{ type, value }], unitCode?, narrative? }</c>
/// → <c>{ id, seriesId }</c>: files a case (立案) in the caller's territory and links it into its series at once.
/// </summary>
public static class CreateCase
{
    public sealed record VictimItem(string? Name, string? Phone, string? IdNumber);

    public sealed record IndicatorItem(string? Type, string? Value);

    public sealed record Request(string? Title, string? FraudType, string? OccurredAt, decimal? Loss, List<VictimItem>? Victims,
        List<IndicatorItem>? Indicators, string? UnitCode, string? Narrative);

    public sealed record Response(long Id, long SeriesId);

    public static Task<Results<Created<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, TerritoryResolver territory,
        SeriesHolder series, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        FileAsync(request, null, db, territory, series, user, clock, ct);

    /// <summary>Files one case; <paramref name="externalId"/> is the number the case has in the system it was imported from.</summary>
    public static async Task<Results<Created<Response>, ProblemHttpResult>> FileAsync(Request request, string? externalId, AppDbContext db,
        TerritoryResolver territory, SeriesHolder series, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
        {
            errors["title"] = [L.T("标题必填（不超过200字）", "title is required (at most 200 characters)")];
        }
        if (request.FraudType?.Length > 40)
        {
            errors["fraudType"] = [L.T("诈骗类型不能超过40个字符", "fraudType must be at most 40 characters")];
        }
        if (request.Narrative?.Length > 10_000)
        {
            errors["narrative"] = [L.T("简要案情不能超过10000字", "narrative must be at most 10000 characters")];
        }
        var occurredAt = clock.GetUtcNow().UtcDateTime;
        if (request.OccurredAt is not null && !SignalValidation.TryParseTime(request.OccurredAt, out occurredAt))
        {
            errors["occurredAt"] = [L.T("时间无效", "invalid time")];
        }
        if (request.Loss is < 0 || request.Loss is { } l && decimal.Round(l, 2) != l)
        {
            errors["loss"] = [L.T("损失应为非负数，最多两位小数", "loss must be non-negative with at most two decimals")];
        }
        var victims = new List<CaseVictim>();
        foreach (var (v, i) in (request.Victims ?? []).Select((v, i) => (v, i)))
        {
            if (string.IsNullOrWhiteSpace(v.Name) || !PhoneNumber.TryParse(v.Phone, out var phone)
                || v.IdNumber is not null && !IdNumber.TryParse(v.IdNumber, out _))
            {
                errors[$"victims[{i}]"] = [L.T("受害人须有姓名和有效电话（身份证号如有须有效）", "a victim needs a name and a valid phone (and a valid ID number if given)")];
                continue;
            }
            victims.Add(new CaseVictim { Name = v.Name.Trim(), Phone = phone.Value, IdNumber = v.IdNumber?.Trim().ToUpperInvariant() });
        }
        var indicators = new List<CaseIndicator>();
        foreach (var (item, i) in (request.Indicators ?? []).Select((x, i) => (x, i)))
        {
            if (!IndicatorValue.TryParseType(item.Type, out var type) || IndicatorValue.Normalise(type, item.Value, out _) is not { } value)
            {
                errors[$"indicators[{i}]"] = [L.T("涉诈要素的类型或值无效", "invalid indicator type or value")];
                continue;
            }
            indicators.Add(new CaseIndicator { Type = IndicatorValue.Wire(type), Value = value });
        }
        var map = await territory.GetMapAsync(ct);
        var callerPath = user.FindFirstValue(ForewarnClaims.UnitPath) ?? "~";
        var unit = map.Find(request.UnitCode ?? user.FindFirstValue(ForewarnClaims.Unit) ?? "");
        if (unit is null || !unit.UnitPath.StartsWith(callerPath, StringComparison.Ordinal))
        {
            errors["unitCode"] = [L.T("单位不存在或不在您的辖区内", "no such unit in your jurisdiction")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var row = new Case
        {
            Title = request.Title!.Trim(), FraudType = request.FraudType, OccurredAt = occurredAt, LossFen = (long)((request.Loss ?? 0) * 100),
            Narrative = request.Narrative, VictimKey = null, Status = "open", UnitCode = unit!.Code, UnitPath = unit.UnitPath,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Identity?.Name ?? "unknown", ExternalId = externalId,
        };
        db.Cases.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{row.Id}", new Response(row.Id, await LinkAsync(db, series, row.Id, victims, indicators, ct)));
    }

    /// <summary>Stores a case's victims and indicators and links it into its series.</summary>
    public static async Task<long> LinkAsync(AppDbContext db, SeriesHolder series, long caseId, IEnumerable<CaseVictim> victims,
        IEnumerable<CaseIndicator> indicators, CancellationToken ct)
    {
        var distinct = indicators.DistinctBy(i => i.Key).ToList();
        foreach (var v in victims)
        {
            v.CaseId = caseId;
            db.CaseVictims.Add(v);
        }
        foreach (var i in distinct)
        {
            i.CaseId = caseId;
            db.CaseIndicators.Add(i);
        }
        await db.SaveChangesAsync(ct);
        return await series.UseAsync(index =>
        {
            index.Add(caseId, distinct.Select(i => i.Key));
            return index.SeriesOf(caseId);
        }, ct);
    }
}
