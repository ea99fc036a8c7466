using System.Security.Claims;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Scale;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Signals;

/// <summary>
/// <c>POST /api/v1/signals</c> for source clients: a JSON array or NDJSON of up to 10,000 signals.
/// Each item is answered accepted, duplicate (with the original warning) or rejected (with reasons, and kept).
/// </summary>
public static class IngestSignals
{
    public const int MaxItems = 10_000;

    public sealed record Response(IReadOnlyList<ItemResult> Results);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true };

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(HttpRequest request, ClaimsPrincipal client, SignalIntake intake,
        AuditTrail audit, SignalBus bus, IntakeMetrics metrics, CancellationToken ct)
    {
        var (items, problem) = await ReadAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var actor = "client:" + client.Identity?.Name;
        // With NATS (DESIGN §9) a worker correlates later: accepted items are answered once JetStream holds them, without a warning id.
        var results = bus.Options.Enabled
            ? await request.HttpContext.RequestServices.GetRequiredService<SignalPublisher>().PublishAsync(ClientId(client), actor, items!, ct)
            : await intake.IngestAsync(ClientId(client), actor, items!, ct, audit: audit.TakeCurrent());
        metrics.Answered(results);
        return TypedResults.Ok(new Response(results));
    }

    public static int ClientId(ClaimsPrincipal client) =>
        int.Parse(client.FindFirstValue(ForewarnClaims.ApiClientId) ?? throw new InvalidOperationException("not a source client"), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<(List<RawItem>? Items, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var items = new List<RawItem>();
        if (mediaType is "application/x-ndjson" or "application/jsonl" or "application/json-seq")
        {
            using var reader = new StreamReader(request.Body);
            var lineNumber = 0;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                if (items.Count == MaxItems)
                {
                    return (null, TooMany());
                }
                items.Add(Parse(line, lineNumber));
            }
        }
        else if (mediaType is "application/json" or null)
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                return (null, Problems.BadRequest($"请求体不是有效的 JSON：{e.Message}", $"The body is not valid JSON: {e.Message}"));
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    return (null, Problems.BadRequest("请求体应为 JSON 数组（或使用 application/x-ndjson）", "The body must be a JSON array (or send application/x-ndjson)"));
                }
                if (document.RootElement.GetArrayLength() > MaxItems)
                {
                    return (null, TooMany());
                }
                var index = 0;
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    items.Add(Parse(element, element.GetRawText(), ++index));
                }
            }
        }
        else
        {
            return (null, TypedResults.Problem(L.T("不支持的内容类型，请用 application/json 或 application/x-ndjson", "Unsupported content type: use application/json or application/x-ndjson"),
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: L.T("请求无效", "Bad request")));
        }
        if (items.Count == 0)
        {
            return (null, Problems.BadRequest("请求中没有任何信号", "The request holds no signals"));
        }
        return (items, null);
    }

    private static ProblemHttpResult TooMany() => TypedResults.Problem(
        L.T($"一次最多提交 {MaxItems} 条信号", $"At most {MaxItems} signals per request"), statusCode: StatusCodes.Status413PayloadTooLarge,
        title: L.T("请求过大", "Request too large"));

    private static RawItem Parse(string raw, int position)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return Parse(document.RootElement, raw, position);
        }
        catch (JsonException e)
        {
            return Malformed(e, raw, position);
        }
    }

    /// <summary>One item of a body already parsed (an element of the array, or an NDJSON line).</summary>
    private static RawItem Parse(JsonElement element, string raw, int position)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new RawItem(null, raw, SignalValidation.Error("", "format", $"第 {position} 条不是 JSON 对象", $"item {position} is not a JSON object"));
        }
        try
        {
            return new RawItem(element.Deserialize<SignalItem>(Json), raw, null);
        }
        catch (JsonException e)
        {
            return Malformed(e, raw, position);
        }
    }

    private static RawItem Malformed(JsonException e, string raw, int position)
    {
        var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "";
        return new RawItem(TryExternalId(raw), raw, SignalValidation.Error(field, "format",
            $"第 {position} 条格式错误{(field.Length > 0 ? "（字段 " + field + "）" : "")}", $"item {position} is malformed{(field.Length > 0 ? " (field " + field + ")" : "")}"));
    }

    /// <summary>Recovers the external id of an item whose other fields don't parse, so the sender can tell which one it was.</summary>
    private static SignalItem? TryExternalId(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("externalId", out var id)
                && id.ValueKind == JsonValueKind.String
                ? new SignalItem(id.GetString(), null, null, null, null, null, null, null, null, null, null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
