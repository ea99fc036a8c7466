namespace Forewarn.Engine.Territory;

/// <summary>
/// A mobile number segment (七位号段): the first seven digits of a Chinese mobile number and where the
/// number was issued (its home location).
/// </summary>
/// <param name="Prefix7">The first seven digits, e.g. <c>1390230</c>.</param>
/// <param name="Province">Province of issue, e.g. 重庆.</param>
/// <param name="City">City of issue, e.g. 重庆.</param>
/// <param name="AreaCode">Telephone area code, e.g. <c>023</c>.</param>
/// <param name="Carrier">The carrier, e.g. 中国移动.</param>
public sealed record PhoneSegment(string Prefix7, string Province, string City, string AreaCode, string Carrier);
