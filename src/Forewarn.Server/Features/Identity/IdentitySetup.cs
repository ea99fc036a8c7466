using System.Security.Claims;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Audit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Forewarn.Server.Features.Identity;

public static class IdentitySetup
{
    /// <summary>Picks the bearer-token or API-key handler from the request's headers.</summary>
    public const string Scheme = "Forewarn";

    public static WebApplicationBuilder AddIdentityArea(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenIssuer>();
        services.AddIdentityCore<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedLogins;
            identity.Lockout.DefaultLockoutTimeSpan = auth.Value.LockoutDuration;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Password.RequiredLength = 10;
            identity.Password.RequireNonAlphanumeric = false;
            identity.User.RequireUniqueEmail = false;
            identity.ClaimsIdentity.UserIdClaimType = ClaimTypes.NameIdentifier;
        });

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(ApiKeyAuthentication.Header) ? ApiKeyAuthentication.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenIssuer>((jwt, tokens) =>
        {
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Issuer,
                IssuerSigningKey = tokens.Key,
                ClockSkew = TimeSpan.FromSeconds(30),
                RoleClaimType = ClaimTypes.Role,
                NameClaimType = ClaimTypes.Name,
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.AnySignedIn, p => p.RequireRole(Roles.All).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(Roles.SystemAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(Roles.AuditAdmin).AddRequirements(PasswordChanged.Instance))
            .AddPolicy(Policies.PasswordChange, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Signals, p => p.RequireRole(Roles.SourceClient).RequireClaim(ForewarnClaims.Scope, "signals"))
            .AddPolicy(Policies.Contacts, p => p.RequireRole(Roles.SourceClient).RequireClaim(ForewarnClaims.Scope, "contacts"))
            .AddPolicy(Policies.IndicatorsWrite, p => p.AddRequirements(PasswordChanged.Instance).RequireAssertion(c =>
                c.User.IsInRole(Roles.CityAnalyst) || c.User.IsInRole(Roles.SecurityAdmin)
                || c.User.IsInRole(Roles.SourceClient) && c.User.HasClaim(ForewarnClaims.Scope, "indicators")))
            .AddPolicy(Policies.RulesPropose, p => p.RequireRole(Roles.CityAnalyst, Roles.SecurityAdmin).AddRequirements(PasswordChanged.Instance));
        return builder;
    }

    public static WebApplication MapIdentityArea(this WebApplication app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/token", IssueToken.Handle).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/password", ChangePassword.Handle).RequireAuthorization(Policies.PasswordChange).Audited("auth.password");
        return app;
    }

    /// <summary>Until the bootstrap password is changed, only the password endpoint accepts the token.</summary>
    private sealed class PasswordChanged : AuthorizationHandler<PasswordChanged>, IAuthorizationRequirement
    {
        public static readonly PasswordChanged Instance = new();

        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChanged requirement)
        {
            if (!context.User.HasClaim(c => c.Type == ForewarnClaims.MustChangePassword))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
