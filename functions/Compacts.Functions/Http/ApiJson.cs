using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Compacts.Domain;

namespace Compacts.Functions.Http;

/// <summary>The one JSON shape of the API (camelCase, enums as camelCase strings, unknown fields rejected).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>
    /// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>, then every property name and string read
    /// once: text that is not Unicode (a lone surrogate escape such as <c>"\ud800"</c>) fails here as a <see cref="JsonException"/>,
    /// as it does inside <see cref="JsonSerializer"/>, rather than later wherever the string happens to be read.
    /// </summary>
    public static JsonDocument ParseDocument(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(utf8, options); // the duplicate-property check reads names too
            ReadText(document.RootElement);
            return document;
        }
        catch (InvalidOperationException ex)
        {
            document?.Dispose();
            throw new JsonException("The text is not valid Unicode.", "$", null, null, ex);
        }
    }

    private static void ReadText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadText(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadText(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            default:
                break;
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            MaxDepth = 32,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // Vietnamese stays readable; <, >, & and quotes stay escaped
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new TimeOnlyConverter());
        options.Converters.Add(new PeriodConverter());
        options.Converters.Add(new ReportValueConverter());
        options.Converters.Add(new NumberLiteralConverter());
        options.Converters.Add(new NormalizedDecimalConverter());
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class TimeOnlyConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeOnly.ParseExact(reader.GetString()!, "HH:mm", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private sealed class PeriodConverter : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("A period is written YYYY-MM.");

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    private sealed class ReportValueConverter : JsonConverter<ReportValue>
    {
        public override ReportValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.True => ReportValue.Of(true),
                JsonTokenType.False => ReportValue.Of(false),
                JsonTokenType.Number => ReportValue.Of(reader.GetDecimal()),
                _ => throw new JsonException("A report value is a number or a boolean."),
            };

        public override void Write(Utf8JsonWriter writer, ReportValue value, JsonSerializerOptions options)
        {
            if (value.Flag is { } flag)
            {
                writer.WriteBooleanValue(flag);
            }
            else
            {
                writer.WriteNumberValue(ExactNumbers.Normalize(value.Number ?? 0));
            }
        }
    }

    /// <summary>A number token kept as written, so the precision rules see the client's digits (never a double's).</summary>
    private sealed class NumberLiteralConverter : JsonConverter<NumberLiteral>
    {
        public override NumberLiteral Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException("A number is expected.");
            }

            var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            return new NumberLiteral(System.Text.Encoding.ASCII.GetString(raw));
        }

        public override void Write(Utf8JsonWriter writer, NumberLiteral value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Text);
    }

    /// <summary>Decimals go out without trailing zeros (93.25, 100, 0.3), the way a person writes them.</summary>
    private sealed class NormalizedDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(ExactNumbers.Normalize(value));
    }

    /// <summary>Instants go out in UTC with a 'Z'.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
