using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Indicators;

/// <summary>
/// <c>POST /api/v1/indicators/import</c>: CSV (<c>type,value,status,source,confidence,expiresAt</c>, header required)
/// or NDJSON of the same fields, streamed and committed in batches. Rejected rows are kept for review.
/// </summary>
public static class ImportIndicators
{
    public sealed record RowError(int Line, IReadOnlyDictionary<string, string[]> Errors);

    public sealed record Response(int Added, int Updated, int Rejected, IReadOnlyList<RowError> Errors);

    private const int BatchSize = 1_000;

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(HttpRequest request, AppDbContext db, BlacklistHolder blacklist,
        IOptions<TerritoryOptions> territory, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv";
        if (!csv && mediaType is not ("application/x-ndjson" or "application/jsonl"))
        {
            return TypedResults.Problem(L.T("请用 text/csv 或 application/x-ndjson", "Send text/csv or application/x-ndjson"),
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        using var reader = new StreamReader(request.Body);
        try
        {
            var response = await RunAsync(db, reader, csv, user.Identity?.Name ?? "import", Unit.PathOf(null, territory.Value.CityCode), clock, null, ct);
            blacklist.MarkDirty();
            return TypedResults.Ok(response);
        }
        catch (InvalidDataException e)
        {
            return Problems.BadRequest(e.Message, e.Message);
        }
    }

    /// <summary>The import itself, shared by the endpoint and <c>forewarn import indicators</c>.</summary>
    public static async Task<Response> RunAsync(AppDbContext db, TextReader reader, bool csv, string source, string cityPath, TimeProvider clock,
        IProgress<long>? progress, CancellationToken ct)
    {
        string[]? header = null;
        if (csv)
        {
            header = (await reader.ReadLineAsync(ct))?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (header is null || !header.Contains("type") || !header.Contains("value"))
            {
                throw new InvalidDataException(L.T("CSV 第一行应为表头，至少包含 type 和 value", "The first CSV line must be a header with at least type and value"));
            }
        }
        int added = 0, updated = 0, rejected = 0, lineNumber = csv ? 1 : 0;
        var errors = new List<RowError>();
        var batch = new List<SaveIndicator.Parsed>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var row = csv ? FromCsv(header!, line) : FromJson(line);
            var rowErrors = row is null
                ? new Dictionary<string, string[]> { [""] = [L.T("无法解析此行", "This line cannot be parsed")] }
                : SaveIndicator.Validate(row, source, out var parsed) is { Count: > 0 } e ? e : Add(parsed!);
            if (rowErrors.Count > 0)
            {
                rejected++;
                if (errors.Count < 100)
                {
                    errors.Add(new RowError(lineNumber, rowErrors));
                }
                db.Quarantine.Add(new QuarantinedItem
                {
                    Kind = QuarantineKind.Indicator,
                    Payload = line,
                    Errors = JsonSerializer.Serialize(rowErrors, JsonSerializerOptions.Web),
                    ReceivedAt = clock.GetUtcNow().UtcDateTime,
                    Status = QuarantineStatus.Pending,
                    UnitPath = cityPath,
                });
            }
            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
                progress?.Report(lineNumber);
            }
        }
        await FlushAsync();
        return new Response(added, updated, rejected, errors);

        Dictionary<string, string[]> Add(SaveIndicator.Parsed parsed)
        {
            batch.Add(parsed);
            return [];
        }

        async Task FlushAsync()
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Last row wins when a file repeats a value.
            var distinct = batch.GroupBy(p => (p.Type, p.Value)).Select(g => g.Last()).ToList();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var created = await SaveIndicator.UpsertAsync(db, distinct, now, ct);
                await db.SaveChangesAsync(ct); // the updated ones, rejected rows, the audit record
                await transaction.CommitAsync(ct);
                added += created;
                updated += distinct.Count - created;
            }
            db.ChangeTracker.Clear();
            batch.Clear();
        }
    }

    private static SaveIndicator.Request? FromCsv(string[] header, string line)
    {
        if (Engine.Csv.Split(line) is not { } fields)
        {
            return null;
        }
        string? Field(string name) => Array.IndexOf(header, name) is var i and >= 0 && i < fields.Count && fields[i].Trim() is { Length: > 0 } v ? v : null;
        double? confidence = null;
        if (Field("confidence") is { } c)
        {
            if (!double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return null;
            }
            confidence = d;
        }
        DateTimeOffset? expires = null;
        if (Field("expiresat") is { } x)
        {
            if (!DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e))
            {
                return null;
            }
            expires = e;
        }
        return new SaveIndicator.Request(Field("type"), Field("value"), Field("status"), Field("source"), confidence, expires);
    }

    private static SaveIndicator.Request? FromJson(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<SaveIndicator.Request>(line, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
