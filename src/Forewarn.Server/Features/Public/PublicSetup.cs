using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Public;

public static class PublicSetup
{
    public static WebApplication MapPublicArea(this WebApplication app)
    {
        var open = app.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        open.MapGet("/check", CheckRisk.Handle);
        open.MapPost("/reports", SubmitReport.Handle).Audited("public.report");
        var review = app.MapGroup("/api/v1/public-reports").WithTags("Public").RequireAuthorization(Policies.IndicatorsWrite).Audited();
        review.MapGet("/", ReviewReports.List);
        review.MapPost("/{id:long}/approve", ReviewReports.Approve);
        review.MapPost("/{id:long}/reject", ReviewReports.Reject);
        review.MapPut("/{id:long}/fraud-type", ReviewReports.Correct);
        review.MapGet("/{id:long}/evidence/{evidenceId:long}", ReportEvidence.Get);
        return app;
    }
}
