using System.Security.Claims;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Public;

/// <summary>
/// <c>GET /api/v1/public-reports?status=pending</c>, <c>POST /api/v1/public-reports/{id}/approve</c> and <c>/reject</c> — the
/// review queue of citizens' reports. Approving adds the counterparty to the blacklist as suspected. The reviewer corrects the
/// fraud type the classifier gave, when approving (<c>{ "fraudType" }</c>) or later (<c>PUT …/{id}/fraud-type</c>): approved
/// reports with their corrected type are what the classifier is retrained on (<see cref="Prevention.TrainingSet"/>).
/// </summary>
public static class ReviewReports
{
    public sealed record Item(long Id, string Channel, string Content, string? Counterparty, string? CounterpartyType, string? FraudType,
        double Confidence, string Status, DateTimeOffset ReceivedAt, IReadOnlyList<EvidenceView> Evidence, string? ClassifiedType = null,
        int? ClassifierVersion = null, string? ReviewedBy = null);

    public sealed record EvidenceView(long Id, string ContentType, int Size, string Href);

    public static async Task<Ok<List<Item>>> List(AppDbContext db, string? status, CancellationToken ct)
    {
        var wanted = status ?? "pending";
        var rows = await db.PublicReports.AsNoTracking().Where(r => r.Status == wanted).OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var files = (await db.Set<ReportEvidence>().AsNoTracking().Where(e => ids.Contains(e.ReportId))
            .Select(e => new { e.Id, e.ReportId, e.ContentType, e.Size }).ToListAsync(ct))
            .ToLookup(e => e.ReportId, e => new EvidenceView(e.Id, e.ContentType, e.Size, $"/api/v1/public-reports/{e.ReportId}/evidence/{e.Id}"));
        return TypedResults.Ok(rows.Select(r => ToItem(r, [.. files[r.Id]])).ToList());
    }

    /// <summary>An approval may correct the fraud type the classifier gave (<c>{ "fraudType": "fake_police" }</c>); approved reports train the next model.</summary>
    public sealed record Decision(string? FraudType);

    public static async Task<Results<Ok<Item>, ProblemHttpResult>> Approve(long id, Decision? decision, AppDbContext db, BlacklistHolder blacklist,
        ClaimsPrincipal user, AuditTrail audit, TimeProvider clock, CancellationToken ct) =>
        await DecideAsync(id, "approved", decision?.FraudType, db, blacklist, user, audit, clock, ct);

    public static async Task<Results<Ok<Item>, ProblemHttpResult>> Reject(long id, AppDbContext db, BlacklistHolder blacklist, ClaimsPrincipal user,
        AuditTrail audit, TimeProvider clock, CancellationToken ct) => await DecideAsync(id, "rejected", null, db, blacklist, user, audit, clock, ct);

    /// <summary>
    /// <c>PUT /api/v1/public-reports/{id}/fraud-type</c> <c>{ "fraudType" }</c> — corrects the type of a report waiting for review or
    /// already approved (a rejected one trains nothing).
    /// </summary>
    public static async Task<Results<Ok<Item>, ProblemHttpResult>> Correct(long id, Decision decision, AppDbContext db, AuditTrail audit, CancellationToken ct)
    {
        if (decision.FraudType is null || Engine.Prevention.FraudTypes.Find(decision.FraudType) is null)
        {
            return UnknownType();
        }
        var report = await db.PublicReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Problems.NotFound();
        }
        if (report.Status == "rejected")
        {
            return Problems.Conflict("该举报已驳回，不参与训练，无需更正类型", "This report was rejected and trains nothing: its type needs no correction");
        }
        Describe(audit, "public.report.fraud_type", report, decision.FraudType);
        report.FraudType = decision.FraudType;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToItem(report, []));
    }

    private static async Task<Results<Ok<Item>, ProblemHttpResult>> DecideAsync(long id, string decision, string? fraudType, AppDbContext db,
        BlacklistHolder blacklist, ClaimsPrincipal user, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var report = await db.PublicReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Problems.NotFound();
        }
        if (fraudType is not null && Engine.Prevention.FraudTypes.Find(fraudType) is null)
        {
            return UnknownType();
        }
        if (report.Status != "pending")
        {
            return Problems.Conflict("该举报已审核", "This report has already been reviewed");
        }
        Describe(audit, $"public.report.{decision}", report, fraudType);
        report.Status = decision;
        report.FraudType = fraudType ?? report.FraudType;
        report.ReviewedBy = user.Identity?.Name;
        if (decision == "approved" && report.CounterpartyType is { } type && report.Counterparty is { } value
            && IndicatorValue.TryParseType(type, out var indicatorType) && !NeverFlag.Contains(indicatorType, value))
        {
            await SaveIndicator.UpsertAsync(db, new SaveIndicator.Parsed(indicatorType, value, IndicatorStatus.Suspected, "public-report", 0.6, null),
                clock.GetUtcNow().UtcDateTime, ct);
        }
        await db.SaveChangesAsync(ct);
        blacklist.MarkDirty();
        return TypedResults.Ok(ToItem(report, []));
    }

    /// <summary>The call's own audit record says what was decided and, when the type changes, from what to what.</summary>
    private static void Describe(AuditTrail audit, string @event, PublicReport report, string? fraudType)
    {
        var record = audit.Current ?? audit.Add(@event);
        record.Event = @event;
        record.Target = fraudType is null || fraudType == report.FraudType
            ? $"report {report.Id}: {report.FraudType ?? "untyped"}"
            : $"report {report.Id}: {report.FraudType ?? "untyped"} → {fraudType}";
    }

    private static ProblemHttpResult UnknownType() =>
        Problems.Validation(new Dictionary<string, string[]> { ["fraudType"] = [L.T("未知的诈骗类型", "unknown fraud type")] });

    private static Item ToItem(PublicReport r, IReadOnlyList<EvidenceView> evidence) => new(r.Id, r.Channel, r.Content, r.Counterparty, r.CounterpartyType,
        r.FraudType, r.Confidence, r.Status, ListWarnings.Utc(r.ReceivedAt), evidence, r.ClassifiedType, r.ClassifierVersion, r.ReviewedBy);
}
