using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Audit;

/// <summary><c>GET /api/v1/audit?from=..&amp;to=..&amp;user=..&amp;event=..&amp;take=..</c> — the audit log, newest first (audit admin only).</summary>
public static class ListAudit
{
    public sealed record Item(long Seq, DateTimeOffset At, string User, string Role, string Unit, string Event, string? Target, string Result,
        string? Client, string? CorrelationId, string Hash);

    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> Handle(AppDbContext db, string? from, string? to, string? user,
        string? @event, int? take, CancellationToken ct)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (from is not null)
        {
            if (!SignalValidation.TryParseTime(from, out var f))
            {
                return Problems.BadRequest($"无法解析的时间：{from}", $"Unparsable time '{from}'");
            }
            query = query.Where(a => a.At >= f);
        }
        if (to is not null)
        {
            if (!SignalValidation.TryParseTime(to, out var t))
            {
                return Problems.BadRequest($"无法解析的时间：{to}", $"Unparsable time '{to}'");
            }
            query = query.Where(a => a.At < t);
        }
        if (user is not null)
        {
            query = query.Where(a => a.User == user);
        }
        if (@event is not null)
        {
            query = query.Where(a => a.Event.Contains(@event));
        }
        var rows = await query.OrderByDescending(a => a.Seq).Take(Math.Clamp(take ?? 100, 1, 5000)).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(a => new Item(a.Seq, ListWarnings.Utc(a.At), a.User, a.Role, a.Unit, a.Event, a.Target, a.Result, a.Client,
            a.CorrelationId, a.Hash)).ToList());
    }
}
