using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// <c>GET /api/v1/audit?from=..&amp;to=..&amp;user=..&amp;event=..&amp;target=..&amp;take=..&amp;page=..</c> — the audit log, newest first
/// (audit admin only). <c>event</c> matches a part of the event name, <c>target</c> the object exactly; <c>page</c> counts from 1.
/// </summary>
public static class ListAudit
{
    public sealed record Item(long Seq, DateTimeOffset At, string User, string Role, string Unit, string Event, string? Target, string Result,
        string? Client, string? CorrelationId, string Hash);

    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> Handle(AppDbContext db, string? from, string? to, string? user,
        string? @event, int? take, string? target, int? page, CancellationToken ct)
    {
        var (query, problem) = Filter(db, from, to, user, @event, target);
        if (problem is not null)
        {
            return problem;
        }
        var size = Math.Clamp(take ?? 100, 1, 5000);
        var skip = (Math.Max(page ?? 1, 1) - 1) * size;
        var rows = await query!.OrderByDescending(a => a.Seq).Skip(skip).Take(size).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(View).ToList());
    }

    public static Item View(AuditRecord a) =>
        new(a.Seq, ListWarnings.Utc(a.At), a.User, a.Role, a.Unit, a.Event, a.Target, a.Result, a.Client, a.CorrelationId, a.Hash);

    /// <summary>The records matching the filters, or the problem with a filter.</summary>
    public static (IQueryable<AuditRecord>? Query, ProblemHttpResult? Problem) Filter(AppDbContext db, string? from, string? to, string? user,
        string? @event, string? target)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (from is not null)
        {
            if (!SignalValidation.TryParseTime(from, out var f))
            {
                return (null, Problems.BadRequest($"无法解析的时间：{from}", $"Unparsable time '{from}'"));
            }
            query = query.Where(a => a.At >= f);
        }
        if (to is not null)
        {
            if (!SignalValidation.TryParseTime(to, out var t))
            {
                return (null, Problems.BadRequest($"无法解析的时间：{to}", $"Unparsable time '{to}'"));
            }
            query = query.Where(a => a.At < t);
        }
        if (!string.IsNullOrWhiteSpace(user))
        {
            query = query.Where(a => a.User == user);
        }
        if (!string.IsNullOrWhiteSpace(@event))
        {
            query = query.Where(a => a.Event.Contains(@event));
        }
        if (!string.IsNullOrWhiteSpace(target))
        {
            query = query.Where(a => a.Target == target);
        }
        return (query, null);
    }
}
