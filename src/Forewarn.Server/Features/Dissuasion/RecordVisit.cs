using System.Security.Claims;
using System.Security.Cryptography;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/visits</c> <c>{ at, lat, lon, note, result?, photo?, signature? }</c> — a field visit with
/// evidence. <c>result</c> is <c>not_found</c> (上门寻找), <c>verified</c> (核实身份) or <c>warned</c> (会面宣防, the default);
/// photo (JPEG, PNG or WebP, ≤ 5 MB) and signature (PNG, ≤ 512 KB) are base64.
/// </summary>
public static class RecordVisit
{
    public const int MaxPhotoBytes = 5 * 1024 * 1024;
    public const int MaxSignatureBytes = 512 * 1024;

    public sealed record Request(string? At, double? Lat, double? Lon, string? Note, string? Result, string? Photo, string? Signature);

    public sealed record Response(long VisitId, string Step, long? PhotoId, long? SignatureId);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var at = now;
        if (request.At is not null && (!SignalValidation.TryParseTime(request.At, out at) || at > now + SignalValidation.ClockTolerance))
        {
            errors["at"] = [L.T("时间无效", "invalid time")];
        }
        if (request.Lat is not (>= -90 and <= 90) || request.Lon is not (>= -180 and <= 180))
        {
            errors["lat"] = [L.T("必须给出有效的经纬度", "lat and lon are required and must be in range")];
        }
        var result = request.Result ?? "warned";
        if (!Visit.Results.Contains(result))
        {
            errors["result"] = [L.T("结果应为 not_found、verified 或 warned", "result must be not_found, verified or warned")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        var photo = Decode(request.Photo, MaxPhotoBytes, allowJpegWebp: true, "photo", errors);
        var signature = Decode(request.Signature, MaxSignatureBytes, allowJpegWebp: false, "signature", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct);
        if (problem is not null)
        {
            return problem;
        }
        // A visit that found and warned the person walks 上门寻找 → 核实身份 → 会面宣防 in one go.
        DissuasionStep[] path = result switch
        {
            "not_found" => [DissuasionStep.Finding],
            "verified" => [DissuasionStep.Finding, DissuasionStep.Verified],
            _ => [DissuasionStep.Finding, DissuasionStep.Verified, DissuasionStep.WarnedInPerson],
        };
        foreach (var step in path.Where(s => s > warning!.Step))
        {
            if (WarningAction.Move(warning!, step) is { } illegal)
            {
                return illegal;
            }
        }
        var actor = WarningAction.Actor(user);
        var photoRow = photo is null ? null : Store(db, photo.Value, warning!.UnitPath, actor, now);
        var signatureRow = signature is null ? null : Store(db, signature.Value, warning!.UnitPath, actor, now);
        var visit = new Visit
        {
            WarningId = warning!.Id, At = at, Lat = request.Lat!.Value, Lon = request.Lon!.Value, Result = result, Note = request.Note, By = actor,
            UnitPath = warning.UnitPath,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        visit.PhotoId = photoRow?.Id;
        visit.SignatureId = signatureRow?.Id;
        warning.FirstContactAt ??= at;
        if (result == "warned")
        {
            warning.FaceToFaceAt ??= at;
            warning.ReachedAt ??= at;
        }
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.Visit, now, actor, new { result, photo = visit.PhotoId, signature = visit.SignatureId });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(visit.Id, WarningAction.Wire(warning.Step), visit.PhotoId, visit.SignatureId));
    }

    private static Evidence Store(AppDbContext db, (byte[] Bytes, string ContentType) file, string unitPath, string by, DateTime at)
    {
        var evidence = new Evidence
        {
            Content = file.Bytes, ContentType = file.ContentType, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)), At = at, By = by, UnitPath = unitPath,
        };
        db.Add(evidence);
        return evidence;
    }

    /// <summary>Checks size and the file's own magic bytes (never the name or a declared type).</summary>
    private static (byte[] Bytes, string ContentType)? Decode(string? base64, int max, bool allowJpegWebp, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',', StringComparison.Ordinal) : -1;
        var text = comma >= 0 ? base64[(comma + 1)..] : base64;
        if (text.Length > (max / 3 + 1) * 4 + 4)
        {
            errors[field] = [L.T($"文件过大（最多 {max / 1024} KB）", $"file too large (at most {max / 1024} KB)")];
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            errors[field] = [L.T("不是有效的 base64", "not valid base64")];
            return null;
        }
        string? type = bytes switch
        {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
            [0xFF, 0xD8, 0xFF, ..] when allowJpegWebp => "image/jpeg",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] when allowJpegWebp => "image/webp",
            _ => null,
        };
        if (type is null || bytes.Length > max)
        {
            errors[field] = [L.T(allowJpegWebp ? "只接受 JPEG、PNG 或 WebP 图片" : "签名只接受 PNG 图片", allowJpegWebp ? "only JPEG, PNG or WebP images" : "the signature must be a PNG image")];
            return null;
        }
        return (bytes, type);
    }
}
