using System.Text;

namespace Forewarn.Engine.Prevention;

/// <summary>
/// Labelled texts as CSV (RFC 4180): a header naming the columns <c>content</c> and <c>label</c> (in any order, other
/// columns ignored), fields optionally quoted, a quoted field may hold commas, doubled quotes and line breaks.
/// </summary>
public static class LabelledCsv
{
    /// <summary>Reads every record; blank lines are skipped.</summary>
    /// <exception cref="InvalidDataException">No header, a missing column, an unclosed quote, or a record without a label.</exception>
    public static List<(string Text, string Label)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var records = Records(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new InvalidDataException("The file is empty; expected a header line 'content,label'.");
        }
        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var (content, label) = (header.IndexOf("content"), header.IndexOf("label"));
        if (content < 0 || label < 0)
        {
            throw new InvalidDataException($"Line 1: expected the header 'content,label', found '{string.Join(',', header)}'.");
        }
        var result = new List<(string, string)>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields is [""])
            {
                continue;
            }
            if (fields.Count <= Math.Max(content, label) || fields[label].Trim().Length == 0)
            {
                throw new InvalidDataException($"Line {line}: expected {header.Count} fields with a label, found {fields.Count}.");
            }
            result.Add((fields[content], fields[label].Trim()));
        }
        return result;
    }

    /// <summary>The records with the line each starts on.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var start = lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i == line.Length)
                {
                    if (!quoted)
                    {
                        break;
                    }
                    // A line break inside quotes belongs to the field.
                    line = reader.ReadLine() ?? throw new InvalidDataException($"Line {start}: a quoted field is never closed.");
                    lineNumber++;
                    field.Append('\n');
                    i = 0;
                    continue;
                }
                var c = line[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
