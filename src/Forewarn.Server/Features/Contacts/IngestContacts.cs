using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Signals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Contacts;

/// <summary><c>POST /api/v1/contacts</c> — NDJSON or CSV of contact records, streamed, any size.</summary>
public static class IngestContacts
{
    public static async Task<Results<Ok<ContactScan.Counts>, ProblemHttpResult>> Handle(HttpRequest request, ClaimsPrincipal client, ContactScan scan,
        IntakeMetrics metrics, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv";
        if (!csv && mediaType is not ("application/x-ndjson" or "application/jsonl"))
        {
            return TypedResults.Problem(L.T("请用 text/csv 或 application/x-ndjson", "Send text/csv or application/x-ndjson"),
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: L.T("请求无效", "Bad request"));
        }
        // Streamed: the body is read as it arrives, never buffered whole.
        request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        try
        {
            var counts = await scan.RunAsync(request.BodyReader, csv, IngestSignals.ClientId(client), "client:" + client.Identity?.Name, null, ct);
            metrics.Scanned(counts.Received, counts.Matched);
            return TypedResults.Ok(counts);
        }
        catch (InvalidDataException e)
        {
            return Problems.BadRequest(e.Message, e.Message);
        }
    }
}
