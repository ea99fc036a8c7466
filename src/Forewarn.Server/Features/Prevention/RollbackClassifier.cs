using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// Steps back from the active classifier version, with the same second-person approval as putting one to use.
/// <c>POST /api/v1/prevention/classifier/rollbacks</c> <c>{ "toVersion": 3, "reason" }</c> puts an earlier approved version back,
/// <c>{ "keywords": true, "reason" }</c> takes the model out of use (public reports are typed by keywords again; a later
/// rollback with <c>toVersion</c> puts one back);
/// <c>POST …/rollbacks/{id}/approve</c> or <c>/reject</c> by someone else decides; <c>GET …/rollbacks</c> lists them.
/// </summary>
public static class RollbackClassifier
{
    public sealed record Request(int? ToVersion, bool? Keywords, string? Reason);

    public sealed record View(int Id, int? FromVersion, int? ToVersion, string Reason, string Status, string RequestedBy, DateTimeOffset RequestedAt,
        string? DecidedBy, DateTimeOffset? DecidedAt);

    public static async Task<Ok<List<View>>> List(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Views(db.Set<ClassifierRollback>().OrderByDescending(r => r.Id).Take(100)).ToListAsync(ct));

    public static async Task<Results<Ok<View>, ProblemHttpResult>> Get(int id, AppDbContext db, CancellationToken ct) =>
        await Views(db.Set<ClassifierRollback>().Where(r => r.Id == id)).FirstOrDefaultAsync(ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("回退申请不存在", "No such rollback");

    /// <summary>The versions a rollback may put back: those a second person approved and a later one replaced, newest first.</summary>
    public static Task<List<int>> EarlierAsync(AppDbContext db, CancellationToken ct) => db.Set<ClassifierModel>()
        .Where(m => m.Status == ClassifierStatus.Retired && m.DecidedAt != null && m.Model != null)
        .OrderByDescending(m => m.Version).Select(m => m.Version).ToListAsync(ct);

    public static async Task<Results<Created<View>, ProblemHttpResult>> Propose(Request request, AppDbContext db, ClaimsPrincipal user, AuditTrail audit,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            errors["reason"] = [L.T("请说明回退原因（不超过500字）", "give the reason (at most 500 characters)")];
        }
        if ((request.ToVersion is null) == (request.Keywords != true))
        {
            errors["toVersion"] = [L.T("请选择回退到的早先版本（toVersion），或停用模型改用关键词分类（keywords: true），二者选一",
                "give either toVersion (an earlier approved version) or keywords: true (type reports by keywords), not both")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var active = await db.Set<ClassifierModel>().Where(m => m.Status == ClassifierStatus.Active).Select(m => (int?)m.Version).FirstOrDefaultAsync(ct);
        if (active is null && request.Keywords == true)
        {
            return Problems.Conflict("当前没有生效的模型，群众举报已按关键词分类", "No version is in use: public reports are already typed by keywords");
        }
        if (request.ToVersion is { } to && !(await EarlierAsync(db, ct)).Contains(to))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["toVersion"] = [L.T($"v{to} 不能回退使用：只能选择曾经批准使用、后被替换的版本", $"v{to} cannot be put back: only a version once approved and since replaced can")],
            });
        }
        if (await db.Set<ClassifierRollback>().AnyAsync(r => r.Status == RollbackStatus.Proposed, ct))
        {
            return Problems.Conflict("已有待审批的回退申请，请先审批或驳回", "A rollback is already awaiting approval: decide that one first");
        }
        var rollback = new ClassifierRollback
        {
            FromVersion = active, ToVersion = request.ToVersion, Reason = request.Reason!.Trim(), Status = RollbackStatus.Proposed,
            RequestedBy = user.Identity?.Name ?? "unknown", RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(rollback);
        Describe(audit, "prevention.classifier.rollback.proposed", rollback);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/prevention/classifier/rollbacks/{rollback.Id}", ToView(rollback));
    }

    public static Task<Results<Ok<View>, ProblemHttpResult>> Approve(int id, AppDbContext db, ClaimsPrincipal user, ClassifierBook book, AuditTrail audit,
        TimeProvider clock, CancellationToken ct) => DecideAsync(id, approve: true, db, user, book, audit, clock, ct);

    public static Task<Results<Ok<View>, ProblemHttpResult>> Reject(int id, AppDbContext db, ClaimsPrincipal user, ClassifierBook book, AuditTrail audit,
        TimeProvider clock, CancellationToken ct) => DecideAsync(id, approve: false, db, user, book, audit, clock, ct);

    private static async Task<Results<Ok<View>, ProblemHttpResult>> DecideAsync(int id, bool approve, AppDbContext db, ClaimsPrincipal user,
        ClassifierBook book, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var rollbacks = db.Set<ClassifierRollback>();
        var row = await rollbacks.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return Problems.NotFound("回退申请不存在", "No such rollback");
        }
        if (row.Status != RollbackStatus.Proposed)
        {
            return Problems.Conflict("该回退申请已处理", "This rollback has already been decided");
        }
        var who = user.Identity?.Name ?? "unknown";
        if (string.Equals(who, row.RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("发起回退的人不能审批自己的申请（需第二人审批）", "Whoever proposed the rollback cannot decide on it: a second person must");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var status = approve ? RollbackStatus.Approved : RollbackStatus.Rejected;
        var models = db.Set<ClassifierModel>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Each change is conditional on the state it expects, so two people pressing the button together decide once, and a
        // rollback proposed against a version that is no longer active changes nothing.
        if (await rollbacks.Where(r => r.Id == id && r.Status == RollbackStatus.Proposed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedBy, who).SetProperty(r => r.DecidedAt, now), ct) == 0)
        {
            return Problems.Conflict("该回退申请已处理", "This rollback has already been decided");
        }
        if (approve)
        {
            var stale = row.FromVersion is { } from
                ? await models.Where(m => m.Version == from && m.Status == ClassifierStatus.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ClassifierStatus.Retired), ct) == 0
                : await models.AnyAsync(m => m.Status == ClassifierStatus.Active, ct);
            if (stale)
            {
                return Problems.Conflict("提出申请后生效的模型已变更，此回退申请已过时，请驳回后重新发起",
                    "The version in use has changed since this rollback was proposed: it is out of date; reject it and propose again");
            }
            if (row.ToVersion is { } to && await models.Where(m => m.Version == to && m.Status == ClassifierStatus.Retired)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, ClassifierStatus.Active), ct) == 0)
            {
                return Problems.Conflict($"v{to} 已不能回退使用", $"v{to} can no longer be put back");
            }
        }
        (row.Status, row.DecidedBy, row.DecidedAt) = (status, who, now);
        Describe(audit, approve ? "prevention.classifier.rollback.approved" : "prevention.classifier.rollback.rejected", row);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        book.Invalidate();
        return TypedResults.Ok(ToView(row));
    }

    /// <summary>The call's own audit record (one per call: the chain numbers it) says what was stepped back to and by whom.</summary>
    private static void Describe(AuditTrail audit, string @event, ClassifierRollback rollback)
    {
        var record = audit.Current ?? audit.Add(@event);
        record.Event = @event;
        record.Target = (rollback.Id == 0 ? "rollback" : $"rollback {rollback.Id}") + $": {Name(rollback.FromVersion)} → {Name(rollback.ToVersion)}, proposed by {rollback.RequestedBy}"
            + (rollback.DecidedBy is { } by ? $", decided by {by}" : "");
    }

    private static string Name(int? version) => version is { } v ? $"v{v}" : "keywords";

    private static View ToView(ClassifierRollback r) => new(r.Id, r.FromVersion, r.ToVersion, r.Reason, r.Status, r.RequestedBy, ListWarnings.Utc(r.RequestedAt),
        r.DecidedBy, r.DecidedAt is { } at ? ListWarnings.Utc(at) : null);

    private static IQueryable<View> Views(IQueryable<ClassifierRollback> rows) => rows.AsNoTracking().Select(r => new View(r.Id, r.FromVersion, r.ToVersion,
        r.Reason, r.Status, r.RequestedBy, ListWarnings.Utc(r.RequestedAt), r.DecidedBy, r.DecidedAt == null ? null : ListWarnings.Utc(r.DecidedAt.Value)));
}
