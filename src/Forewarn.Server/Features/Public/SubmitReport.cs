using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Prevention;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Public;

/// <summary>
/// <c>POST /api/v1/public/reports</c> <c>{ channel, content, counterparty?, contact? }</c> — a citizen reports a scam. It is
/// classified by fraud type at once and queued for review; an approved report's counterparty joins the blacklist. Up to
/// <see cref="ReportEvidence.MaxFiles"/> files may come along as <c>evidence: [{ "data": base64 }]</c> (JPEG, PNG, WebP or PDF, each at most
/// 5 MB), checked by their first bytes and sealed at rest.
/// </summary>
public static class SubmitReport
{
    public static readonly string[] Channels = ["call", "sms", "app", "web", "wechat", "qq", "other"];

    public sealed record EvidenceItem(string? Data);

    public sealed record Request(string? Channel, string? Content, string? Counterparty, string? Contact, List<EvidenceItem>? Evidence = null);

    public sealed record Response(long Id, string? FraudType, double Confidence, int Evidence);

    public static async Task<Results<Created<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, IOptions<TerritoryOptions> territory,
        ClassifierBook classifier, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Channels.Contains(request.Channel))
        {
            errors["channel"] = [L.T("渠道应为 call、sms、app、web、wechat、qq 或 other", "channel must be call, sms, app, web, wechat, qq or other")];
        }
        if (string.IsNullOrWhiteSpace(request.Content) || request.Content.Length > 5000)
        {
            errors["content"] = [L.T("请描述经过（不超过5000字）", "describe what happened (at most 5000 characters)")];
        }
        if (request.Contact?.Length > 100 || request.Counterparty?.Length > 300)
        {
            errors["contact"] = [L.T("联系方式或对方信息过长", "contact or counterparty too long")];
        }
        var files = new List<(byte[] Bytes, string ContentType)>();
        if (request.Evidence?.Count > ReportEvidence.MaxFiles)
        {
            errors["evidence"] = [L.T($"最多上传{ReportEvidence.MaxFiles}个文件", $"at most {ReportEvidence.MaxFiles} files")];
        }
        foreach (var (item, i) in (request.Evidence ?? []).Take(ReportEvidence.MaxFiles).Select((e, i) => (e, i)))
        {
            if (Decode(item.Data) is { } file)
            {
                files.Add(file);
            }
            else
            {
                errors[$"evidence[{i}]"] = [L.T("只接受不超过5 MB的 JPEG、PNG、WebP 图片或 PDF 文件", "only JPEG, PNG or WebP images or PDF files of at most 5 MB")];
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (type, value) = Counterparty(request.Counterparty);
        // The active retrained model when a second person has approved one, otherwise the keyword classifier.
        var classified = await classifier.ClassifyAsync(request.Content!, ct);
        var report = new PublicReport
        {
            Channel = request.Channel!, Content = request.Content!.Trim(), Counterparty = value ?? request.Counterparty?.Trim(), CounterpartyType = type,
            Contact = request.Contact?.Trim(), FraudType = classified.FraudType, ClassifiedType = classified.FraudType, Confidence = classified.Confidence,
            ClassifierVersion = classified.Version, Status = "pending",
            ReceivedAt = clock.GetUtcNow().UtcDateTime, UnitPath = Unit.PathOf(null, territory.Value.CityCode),
        };
        db.Add(report);
        await db.SaveChangesAsync(ct);
        foreach (var (bytes, contentType) in files)
        {
            db.Add(new ReportEvidence
            {
                ReportId = report.Id, ContentType = contentType, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                Size = bytes.Length, Content = bytes, ReceivedAt = report.ReceivedAt, UnitPath = report.UnitPath,
            });
        }
        if (files.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Created($"/api/v1/public/reports/{report.Id}", new Response(report.Id, report.FraudType, report.Confidence, files.Count));
    }

    private static (byte[] Bytes, string ContentType)? Decode(string? base64)
    {
        // Base64 is 4/3 of the bytes: refuse oversized text before decoding it.
        if (string.IsNullOrEmpty(base64) || base64.Length > (ReportEvidence.MaxBytes + 2) / 3 * 4 + 4)
        {
            return null;
        }
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',', StringComparison.Ordinal) : -1;
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64[(comma + 1)..], buffer, out var length) || length == 0 || length > ReportEvidence.MaxBytes)
        {
            return null;
        }
        var bytes = buffer[..length];
        return ReportEvidence.Sniff(bytes) is { } type ? (bytes, type) : null;
    }

    /// <summary>Recognises a phone number, URL or account in what the citizen typed.</summary>
    public static (string? Type, string? Value) Counterparty(string? raw)
    {
        foreach (var type in new[] { IndicatorType.Phone, IndicatorType.Url, IndicatorType.Account })
        {
            if (IndicatorValue.Normalise(type, raw, out _) is { } value && !NeverFlag.Contains(type, value))
            {
                return (IndicatorValue.Wire(type), value);
            }
        }
        return (null, null);
    }
}
