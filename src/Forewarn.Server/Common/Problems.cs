using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Common;

/// <summary>Expected failures, returned (not thrown) as RFC 7807 problem details in the user's language.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string zh = "记录不存在或不在您的辖区内", string en = "Not found or outside your jurisdiction") =>
        TypedResults.Problem(L.T(zh, en), statusCode: StatusCodes.Status404NotFound, title: L.T("未找到", "Not found"));

    public static ProblemHttpResult BadRequest(string zh, string en, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(L.T(zh, en), statusCode: StatusCodes.Status400BadRequest, title: L.T("请求无效", "Bad request"), extensions: extensions);

    public static ProblemHttpResult Conflict(string zh, string en) =>
        TypedResults.Problem(L.T(zh, en), statusCode: StatusCodes.Status409Conflict, title: L.T("冲突", "Conflict"));

    /// <summary><paramref name="totpRequired"/> tells a client that the password was right and an authenticator code is wanted.</summary>
    public static ProblemHttpResult Unauthorized(string zh, string en, bool totpRequired = false) =>
        TypedResults.Problem(L.T(zh, en), statusCode: StatusCodes.Status401Unauthorized, title: L.T("未通过认证", "Unauthorized"),
            extensions: totpRequired ? new Dictionary<string, object?> { ["totpRequired"] = true } : null);

    public static ProblemHttpResult Forbidden(string zh, string en) =>
        TypedResults.Problem(L.T(zh, en), statusCode: StatusCodes.Status403Forbidden, title: L.T("无权操作", "Forbidden"));

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(L.T("请求中有无效的字段", "One or more fields are invalid"), statusCode: StatusCodes.Status400BadRequest,
            title: L.T("请求无效", "Bad request"), extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
