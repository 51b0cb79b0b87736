using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;
using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

public enum RunStatus { Provisional, Final }
