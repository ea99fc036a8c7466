using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// <c>POST /api/v1/cases/import</c> (<c>text/csv</c>, header
/// <c>externalId,title,fraudType,occurredAt,loss,unitCode,victimName,victimPhone,victimIdNumber,indicators,narrative</c>; indicators are
/// <c>type:value</c> separated by <c>;</c>) → one result per row: <c>created</c> (with id and series), <c>duplicate</c> (the external id
/// is already filed) or <c>rejected</c> with field reasons. Each row is filed exactly as <c>POST /api/v1/cases</c> would file it; rejected
/// rows are kept in the quarantine of the caller's unit, so nothing in the file is lost.
/// </summary>
public static class ImportCases
{
    public const int MaxRows = 5_000;

    private static readonly string[] Required = ["title", "victimPhone"];

    public sealed record RowResult(int Line, string? ExternalId, string Status, long? Id, long? SeriesId, IReadOnlyDictionary<string, string[]>? Errors);

    public sealed record Response(int Received, int Created, int Duplicates, int Rejected, IReadOnlyList<RowResult> Results);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(HttpRequest http, AppDbContext db, TerritoryResolver territory,
        SeriesHolder series, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (http.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not "text/csv")
        {
            return TypedResults.Problem(L.T("请用 text/csv 上传", "Send text/csv"), statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        using var reader = new StreamReader(http.Body);
        var fields = new List<string>();
        if (await reader.ReadLineAsync(ct) is not { } first || !Engine.Csv.TrySplit(first, fields)
            || Engine.Csv.Header(fields) is var columns && !Required.All(columns.ContainsKey))
        {
            return Problems.BadRequest("CSV 第一行应为表头，至少包含 title 和 victimPhone", "The first CSV line must be a header with at least title and victimPhone");
        }
        var results = new List<RowResult>();
        var unitPath = user.FindFirstValue(ForewarnClaims.UnitPath) ?? TerritoryScope.Nothing;
        var line = 1;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (results.Count >= MaxRows)
            {
                return Problems.BadRequest($"一次最多导入 {MaxRows} 行；前 {MaxRows} 行已处理", $"At most {MaxRows} rows per import; the first {MaxRows} were processed",
                    new Dictionary<string, object?> { ["results"] = results });
            }
            var result = await RowAsync(text, line);
            if (result.Status == "rejected")
            {
                db.Quarantine.Add(new QuarantinedItem
                {
                    Kind = QuarantineKind.Case, ExternalId = result.ExternalId, Payload = text,
                    Errors = JsonSerializer.Serialize(result.Errors, JsonSerializerOptions.Web), ReceivedAt = clock.GetUtcNow().UtcDateTime,
                    Status = QuarantineStatus.Pending, UnitPath = unitPath,
                });
                await db.SaveChangesAsync(ct);
            }
            results.Add(result);
        }
        return TypedResults.Ok(new Response(results.Count, results.Count(r => r.Status == "created"), results.Count(r => r.Status == "duplicate"),
            results.Count(r => r.Status == "rejected"), results));

        async Task<RowResult> RowAsync(string text, int number)
        {
            if (!Engine.Csv.TrySplit(text, fields))
            {
                return new RowResult(number, null, "rejected", null, null, new Dictionary<string, string[]> { [""] = [L.T("无法解析此行（引号不配对）", "This line cannot be parsed (broken quoting)")] });
            }
            string? Get(string name) => columns.TryGetValue(name, out var i) && i < fields.Count && fields[i].Length > 0 ? fields[i] : null;
            var externalId = Get("externalId");
            var errors = new Dictionary<string, string[]>();
            if (externalId?.Length > 64)
            {
                errors["externalId"] = [L.T("外部编号不能超过64个字符", "externalId must be at most 64 characters")];
            }
            else if (externalId is not null && await db.Cases.IgnoreQueryFilters().AnyAsync(c => c.ExternalId == externalId, ct))
            {
                return new RowResult(number, externalId, "duplicate", null, null, null);
            }
            decimal? loss = null;
            if (Get("loss") is { } l)
            {
                if (decimal.TryParse(l, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    loss = parsed;
                }
                else
                {
                    errors["loss"] = [L.T("损失金额无效", "invalid loss")];
                }
            }
            var indicators = (Get("indicators") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => x.Split(':', 2)).Select(p => new CreateCase.IndicatorItem(p[0], p.Length > 1 ? p[1] : null)).ToList();
            var request = new CreateCase.Request(Get("title"), Get("fraudType"), Get("occurredAt"), loss,
                [new CreateCase.VictimItem(Get("victimName"), Get("victimPhone"), Get("victimIdNumber"))], indicators, Get("unitCode"), Get("narrative"));
            if (errors.Count > 0)
            {
                return new RowResult(number, externalId, "rejected", null, null, errors);
            }
            var filed = await CreateCase.FileAsync(request, externalId, db, territory, series, user, clock, ct);
            return filed.Result switch
            {
                Created<CreateCase.Response> created => new RowResult(number, externalId, "created", created.Value!.Id, created.Value.SeriesId, null),
                ProblemHttpResult { ProblemDetails.Extensions: var ext } when ext.TryGetValue("errors", out var e) && e is IDictionary<string, string[]> fieldErrors =>
                    new RowResult(number, externalId, "rejected", null, null, fieldErrors.ToDictionary()),
                ProblemHttpResult p => new RowResult(number, externalId, "rejected", null, null, new Dictionary<string, string[]> { [""] = [p.ProblemDetails.Detail ?? ""] }),
                _ => throw new InvalidOperationException("Unexpected result."),
            };
        }
    }
}
