using System.Globalization;
using System.Text;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// <c>GET /api/v1/warnings/export?format=csv|xlsx&amp;level=..&amp;status=..&amp;unit=..&amp;from=..&amp;to=..</c> — the warnings list
/// (same filters, order and masking as <see cref="ListWarnings"/>) as a CSV or Excel file, at most <see cref="MaxRows"/> rows.
/// </summary>
public static class ExportWarnings
{
    public const int MaxRows = 20_000;

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory, TimeProvider clock,
        string? format, string? level, string? status, string? unit, string? from, string? to, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return Problems.BadRequest("format 应为 csv 或 xlsx", "format must be csv or xlsx");
        }
        var items = new List<ListWarnings.Item>();
        for (var page = 1; items.Count < MaxRows; page++)
        {
            var answer = await ListWarnings.Handle(db, territory, level, status, unit, from, to, page, 200, ct);
            if (answer.Result is not Ok<ListWarnings.Response> ok)
            {
                return (ProblemHttpResult)answer.Result;
            }
            items.AddRange(ok.Value!.Items);
            if (ok.Value.Items.Count < ok.Value.PageSize)
            {
                break;
            }
        }
        var header = new[]
        {
            L.T("编号", "Id"), L.T("等级", "Level"), L.T("状态", "Status"), L.T("手机号", "Phone"), L.T("姓名", "Name"), L.T("年龄", "Age"),
            L.T("单位代码", "Unit code"), L.T("单位", "Unit"), L.T("定位依据", "Located by"), L.T("预警时间", "Opened"), L.T("最近信号", "Last signal"),
            L.T("信号数", "Signals"), L.T("诈骗类型", "Fraud type"),
        };
        var rows = items.Select(i => new object?[]
        {
            i.Id, LevelName(i.Level), i.Status == "open" ? L.T("在办", "open") : L.T("已办结", "closed"), i.Subject.Phone, i.Subject.Name, i.Subject.Age,
            i.Unit.Code, i.Unit.Name, i.RouteRule, ChinaTime(i.OpenedAt), ChinaTime(i.LastSignalAt), i.SignalCount, i.FraudType,
        }).ToList();
        var name = $"warnings-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}";
        if (format == "csv")
        {
            var csv = new StringBuilder();
            foreach (var line in rows.Prepend(header))
            {
                csv.AppendJoin(',', line.Select(Csv.Quote)).Append("\r\n");
            }
            // A byte-order mark so that Excel opens the Chinese text as UTF-8.
            return TypedResults.File(Csv.Bytes(csv), "text/csv; charset=utf-8", name + ".csv");
        }
        var sheet = rows.Select(r => header.Select((h, n) => (h, r[n])).ToDictionary(x => x.h, x => x.Item2)).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: L.T("预警", "Warnings"), cancellationToken: ct);
        return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    public static string LevelName(string wire) => RiskLevels.TryParse(wire, out var l) ? L.T(RiskLevels.ChineseName(l), wire) : wire;

    /// <summary>Operations read China time (UTC+8).</summary>
    public static string ChinaTime(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
