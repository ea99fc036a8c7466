using System.Text.Json;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Dissuasion;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Warnings;

/// <summary><c>GET /api/v1/warnings/{id}</c> — one warning of the caller's territory: why, where, what happened. Personal fields masked.</summary>
public static class GetWarning
{
    public sealed record Subject(string? Phone, string? Name, string? IdNumber, int? Age, string? Address, double? Lat, double? Lon);

    public sealed record UnitDetail(string Code, string? Name, string? Level, IReadOnlyList<string> Path);

    public sealed record SignalView(long Id, string ExternalId, string Type, DateTimeOffset OccurredAt, string? CounterpartyType, string? Counterparty,
        bool CounterpartyBlacklisted, int? DurationSeconds, decimal? Amount, string? Level);

    public sealed record EventView(DateTimeOffset At, string Kind, string Actor, JsonElement Detail);

    public sealed record AttemptView(long Id, string Channel, string Result, DateTimeOffset At, string By, string? Note);

    public sealed record VisitView(long Id, DateTimeOffset At, double Lat, double Lon, string Result, string? Note, long? PhotoId, long? SignatureId, string By);

    public sealed record OutboundView(long Id, string Kind, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? AcknowledgedAt, string? LastError);

    public sealed record Response(long Id, string Level, string LevelName, string Status, string Step, string? ClaimedBy, Subject Subject, JsonElement Reasons,
        int RuleSetVersion, UnitDetail Unit, string RouteRule, string? RouteEvidence, string? FraudType, DateTimeOffset OpenedAt, DateTimeOffset LevelSince,
        DateTimeOffset? ClosedAt, string? Outcome, decimal? Loss, decimal? Stopped, IReadOnlyList<SignalView> Signals, IReadOnlyList<EventView> Timeline,
        Deadlines.Response Deadlines, IReadOnlyList<AttemptView> ContactAttempts, IReadOnlyList<VisitView> Visits, IReadOnlyList<OutboundView> Outbound,
        Prevention.KnowledgeBase.Guide? Guide);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, AppDbContext db, TerritoryResolver territory, PolicyBook policies,
        CancellationToken ct)
    {
        var w = await db.Warnings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return Problems.NotFound();
        }
        var signals = await db.Signals.AsNoTracking().Where(s => s.WarningId == id).OrderBy(s => s.OccurredAt).ToListAsync(ct);
        var events = await db.WarningEvents.AsNoTracking().Where(e => e.WarningId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var attempts = await db.Set<ContactAttempt>().AsNoTracking().Where(a => a.WarningId == id).OrderBy(a => a.At).ToListAsync(ct);
        var visits = await db.Set<Visit>().AsNoTracking().Where(v => v.WarningId == id).OrderBy(v => v.At).ToListAsync(ct);
        var outbound = await db.Set<OutboundRequest>().AsNoTracking().Where(o => o.WarningId == id).OrderBy(o => o.Id).ToListAsync(ct);
        var map = await territory.GetMapAsync(ct);
        var unit = map.Find(w.UnitCode);
        return TypedResults.Ok(new Response(
            w.Id, RiskLevels.ToWire(w.Level), RiskLevels.ChineseName(w.Level), ListWarnings.WireStatus(w.Status), WarningAction.Wire(w.Step), w.ClaimedBy,
            new Subject(Mask.Phone(w.SubjectPhone), Mask.Name(w.SubjectName), Mask.IdNumber(w.SubjectIdNumber), w.SubjectAge, Mask.Address(w.SubjectAddress),
                w.Lat is null ? null : Math.Round(w.Lat.Value, 3), w.Lon is null ? null : Math.Round(w.Lon.Value, 3)),
            JsonDocument.Parse(w.Reasons).RootElement.Clone(), w.RuleSetVersion,
            new UnitDetail(w.UnitCode, unit?.Name, unit is null ? null : ListUnits.Wire(unit.Level), w.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries)),
            w.RouteRule, w.RouteEvidence, w.FraudType, ListWarnings.Utc(w.OpenedAt), ListWarnings.Utc(w.LevelSince),
            w.ClosedAt is { } closed ? ListWarnings.Utc(closed) : null, w.Outcome, w.LossFen / 100m, w.StoppedFen / 100m,
            signals.Select(s => new SignalView(s.Id, s.ExternalId, SignalTypes.ToWire(s.Type), ListWarnings.Utc(s.OccurredAt),
                s.CounterpartyType is { } t ? IndicatorValue.Wire(t) : null, s.Counterparty, s.CounterpartyBlacklisted, s.DurationSeconds,
                s.AmountFen / 100m, s.ClueLevel is { } l ? RiskLevels.ToWire(l) : null)).ToList(),
            events.Select(e => new EventView(ListWarnings.Utc(e.At), e.Kind, e.Actor, JsonDocument.Parse(e.Detail).RootElement.Clone())).ToList(),
            Deadlines.Of(w.Level, w.LevelSince, await policies.CurrentAsync(ct)),
            attempts.Select(a => new AttemptView(a.Id, a.Channel, a.Result, ListWarnings.Utc(a.At), a.By, a.Note)).ToList(),
            visits.Select(v => new VisitView(v.Id, ListWarnings.Utc(v.At), Math.Round(v.Lat, 4), Math.Round(v.Lon, 4), v.Result, v.Note, v.PhotoId, v.SignatureId, v.By)).ToList(),
            outbound.Select(o => new OutboundView(o.Id, o.Kind, o.Status.ToString().ToLowerInvariant(), o.Attempts, ListWarnings.Utc(o.CreatedAt),
                o.AcknowledgedAt is { } ack ? ListWarnings.Utc(ack) : null, o.LastError)).ToList(),
            await Prevention.KnowledgeBase.ForAsync(db, w.FraudType, ct)));
    }
}
