using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EndpointMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EndpointMinutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EndpointId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Minute = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Process = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Requests = table.Column<long>(type: "bigint", nullable: false),
                    Failures = table.Column<long>(type: "bigint", nullable: false),
                    FailuresJson = table.Column<string>(type: "text", nullable: false),
                    LatencyJson = table.Column<string>(type: "text", nullable: false),
                    LabelsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EndpointMinutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EndpointMinutes_ModelEndpoints_EndpointId",
                        column: x => x.EndpointId,
                        principalTable: "ModelEndpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EndpointMinutes_EndpointId_Minute_Process",
                table: "EndpointMinutes",
                columns: new[] { "EndpointId", "Minute", "Process" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EndpointMinutes_Minute",
                table: "EndpointMinutes",
                column: "Minute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EndpointMinutes");
        }
    }
}
