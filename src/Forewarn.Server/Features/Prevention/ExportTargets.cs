using System.Globalization;
using System.Text;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/segments/{id}/targets?format=json|csv&amp;take=..</c> — the segment's residents as a work list for door visits
/// and calls: masked name and phone, age, grid. Only residents in the caller's territory; every read is one audit record.
/// </summary>
public static class ExportTargets
{
    public const int MaxRows = 20_000;

    public sealed record Target(long Id, string? Name, string? Phone, int? Age, string GridCode, string? GridName);

    public sealed record Response(long SegmentId, int Count, IReadOnlyList<Target> Items);

    public static async Task<Results<Ok<Response>, FileContentHttpResult, ProblemHttpResult>> Handle(long id, string? format, int? take, AppDbContext db,
        AuditTrail audit, TimeProvider clock, HttpResponse http, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.BadRequest("format 应为 json 或 csv", "format must be json or csv");
        }
        var s = await db.Set<Segment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return Problems.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var limit = Math.Clamp(take ?? (format == "csv" ? MaxRows : 500), 1, MaxRows);
        var rows = await SegmentQuery.Residents(db, s, now).OrderBy(r => r.GridCode).ThenBy(r => r.Id).Take(limit)
            .Select(r => new { r.Id, r.Name, r.Phone, r.BornOn, r.GridCode }).ToListAsync(ct);
        var codes = rows.Select(r => r.GridCode).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var targets = rows.Select(r => new Target(r.Id, Mask.Name(r.Name), Mask.Phone(r.Phone), SegmentQuery.AgeOn(r.BornOn, now), r.GridCode,
            names.GetValueOrDefault(r.GridCode))).ToList();
        if (audit.Current is { } record)
        {
            record.Event = "prevention.targets";
            record.Target = $"segment {id}: {targets.Count} rows ({format ?? "json"})";
        }
        http.Headers.CacheControl = "no-store";
        if (format != "csv")
        {
            return TypedResults.Ok(new Response(id, targets.Count, targets));
        }
        var csv = new StringBuilder();
        csv.AppendJoin(',', L.T("序号", "No"), L.T("姓名", "Name"), L.T("手机号", "Phone"), L.T("年龄", "Age"), L.T("网格代码", "Grid code"),
            L.T("网格", "Grid"), L.T("走访/电话结果", "Visit / call result")).Append("\r\n");
        foreach (var (t, n) in targets.Select((t, n) => (t, n + 1)))
        {
            csv.AppendJoin(',', n.ToString(CultureInfo.InvariantCulture), Quote(t.Name), Quote(t.Phone), t.Age?.ToString(CultureInfo.InvariantCulture) ?? "",
                t.GridCode, Quote(t.GridName), "").Append("\r\n");
        }
        // A byte-order mark so that Excel opens the Chinese text as UTF-8.
        return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8",
            $"segment-{id}-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.csv");
    }

    private static string Quote(string? text)
    {
        text ??= "";
        // Cells starting with = + - @ would run as formulas in a spreadsheet.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
