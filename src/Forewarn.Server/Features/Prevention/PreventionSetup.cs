using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Prevention;

public static class PreventionSetup
{
    public static WebApplicationBuilder AddPreventionArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClassifierBook>();
        builder.Services.AddSingleton<ClassifierTrainer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClassifierTrainer>());
        return builder;
    }

    public static WebApplication MapPreventionArea(this WebApplication app)
    {
        var knowledge = app.MapGroup("/api/v1/prevention/knowledge").WithTags("Prevention").Audited();
        knowledge.MapGet("/", ReadKnowledge.List).RequireAuthorization(Policies.Staff);
        knowledge.MapGet("/{code}", ReadKnowledge.Get).RequireAuthorization(Policies.Staff);
        knowledge.MapPost("/{code}", ProposeGuide.Handle).RequireAuthorization(Policies.KnowledgeEdit);
        knowledge.MapPost("/{code}/{version:int}/approve", DecideGuide.Approve).RequireAuthorization(Policies.KnowledgeEdit);
        knowledge.MapPost("/{code}/{version:int}/reject", DecideGuide.Reject).RequireAuthorization(Policies.KnowledgeEdit);

        var segments = app.MapGroup("/api/v1/prevention/segments").WithTags("Prevention").Audited();
        segments.MapGet("/", ReadSegments.List).RequireAuthorization(Policies.Staff);
        segments.MapPost("/", CreateSegment.Handle).RequireAuthorization(Policies.PreventionManage);
        segments.MapPost("/preview", CreateSegment.Preview).RequireAuthorization(Policies.PreventionManage);
        segments.MapGet("/{id:long}", ReadSegments.Get).RequireAuthorization(Policies.Staff);
        segments.MapDelete("/{id:long}", ReadSegments.Delete).RequireAuthorization(Policies.PreventionManage);
        segments.MapGet("/{id:long}/targets", ExportTargets.Handle).RequireAuthorization(Policies.Staff).RequireRateLimiting(RateLimits.Exports);

        var campaigns = app.MapGroup("/api/v1/prevention/campaigns").WithTags("Prevention").Audited();
        campaigns.MapGet("/", ReadCampaigns.List).RequireAuthorization(Policies.Staff);
        campaigns.MapPost("/", SaveCampaign.Create).RequireAuthorization(Policies.PreventionManage);
        campaigns.MapGet("/{id:long}", ReadCampaigns.Get).RequireAuthorization(Policies.Staff);
        campaigns.MapPut("/{id:long}", SaveCampaign.Update).RequireAuthorization(Policies.PreventionManage);
        campaigns.MapDelete("/{id:long}", SaveCampaign.Delete).RequireAuthorization(Policies.PreventionManage);
        campaigns.MapGet("/{id:long}/effect", CampaignEffect.Handle).RequireAuthorization(Policies.Staff);

        var classifier = app.MapGroup("/api/v1/prevention/classifier").WithTags("Prevention").RequireAuthorization(Policies.ClassifierTrain).Audited();
        classifier.MapGet("/training-set", TrainClassifier.Set);
        classifier.MapGet("/models", ReadClassifier.List);
        classifier.MapPost("/models", TrainClassifier.Handle);
        classifier.MapGet("/models/{version:int}", ReadClassifier.Get);
        classifier.MapPost("/models/{version:int}/approve", DecideClassifier.Approve);
        classifier.MapPost("/models/{version:int}/reject", DecideClassifier.Reject);
        classifier.MapGet("/rollbacks", RollbackClassifier.List);
        classifier.MapPost("/rollbacks", RollbackClassifier.Propose);
        classifier.MapGet("/rollbacks/{id:int}", RollbackClassifier.Get);
        classifier.MapPost("/rollbacks/{id:int}/approve", RollbackClassifier.Approve);
        classifier.MapPost("/rollbacks/{id:int}/reject", RollbackClassifier.Reject);

        // Citizens read the plain warnings without signing in (rate-limited like the other public endpoints; no personal data).
        app.MapGroup("/api/v1/public/fraud-types").WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .MapGet("/", ReadKnowledge.Public);
        return app;
    }
}
