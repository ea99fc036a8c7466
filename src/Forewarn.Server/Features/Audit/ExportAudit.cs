using System.Text;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// <c>GET /api/v1/audit/export.csv?from=..&amp;to=..&amp;user=..&amp;event=..&amp;target=..</c> — the filtered audit log as CSV, newest
/// first, at most <see cref="MaxRows"/> rows, each with its sequence number and hash so a reader can check them against the chain.
/// </summary>
public static class ExportAudit
{
    public const int MaxRows = 50_000;

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, TimeProvider clock, string? from, string? to,
        string? user, string? @event, string? target, CancellationToken ct)
    {
        var (query, problem) = ListAudit.Filter(db, from, to, user, @event, target);
        if (problem is not null)
        {
            return problem;
        }
        var rows = await query!.OrderByDescending(a => a.Seq).Take(MaxRows).ToListAsync(ct);
        var csv = new StringBuilder();
        csv.AppendJoin(',', new[]
        {
            L.T("序号", "Seq"), L.T("时间", "Time"), L.T("用户", "User"), L.T("角色", "Role"), L.T("单位", "Unit"), L.T("事件", "Event"),
            L.T("对象", "Object"), L.T("结果", "Result"), L.T("来源地址", "Client"), L.T("关联编号", "Correlation id"), L.T("哈希", "Hash"),
        }.Select(Csv.Quote)).Append("\r\n");
        foreach (var a in rows)
        {
            csv.AppendJoin(',', new object?[]
            {
                a.Seq, ExportWarnings.ChinaTime(ListWarnings.Utc(a.At)), a.User, a.Role, a.Unit, a.Event, a.Target, a.Result, a.Client, a.CorrelationId, a.Hash,
            }.Select(Csv.Quote)).Append("\r\n");
        }
        return TypedResults.File(Csv.Bytes(csv), "text/csv; charset=utf-8", $"audit-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}.csv");
    }
}
