using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Compacts.Functions.Json;

/// <summary>
/// How the domain's value types are written as JSON, shared by the API (<c>ApiJson</c>) and by stored rows and queue messages
/// (<c>StorageJson</c>): periods as "YYYY-MM", times as "HH:mm", decimals without trailing zeros, instants in UTC.
/// </summary>
public static class DomainJsonConverters
{
    /// <summary>
    /// Web defaults, nulls left out, numbers only as numbers, Vietnamese unescaped (&lt;, &gt;, &amp; and quotes stay escaped),
    /// enums as camelCase strings and the converters below; <paramref name="tolerant"/> skips unknown properties and reads enums
    /// written as numbers, otherwise both are refused. <paramref name="configure"/> adds the rest; the options are then frozen.
    /// </summary>
    public static JsonSerializerOptions Options(bool tolerant, Action<JsonSerializerOptions> configure)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = tolerant ? JsonUnmappedMemberHandling.Skip : JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: tolerant));
        AddTo(options.Converters);
        configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void AddTo(IList<JsonConverter> converters)
    {
        converters.Add(new TimeOnlyConverter());
        converters.Add(new PeriodConverter());
        converters.Add(new ReportValueConverter());
        converters.Add(new NumberLiteralConverter());
        converters.Add(new NormalizedDecimalConverter());
        converters.Add(new UtcDateTimeOffsetConverter());
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
