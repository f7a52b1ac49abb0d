using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Backlot.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PushProgressPerSubscriber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PossibleDuplicates",
                table: "PushCampaign",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PushCampaignRecipient",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscriptionId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PushCampaignRecipient", x => new { x.CampaignId, x.SubscriptionId });
                    table.ForeignKey(
                        name: "FK_PushCampaignRecipient_PushCampaign_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "PushCampaign",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PushCampaignRecipient");

            migrationBuilder.DropColumn(
                name: "PossibleDuplicates",
                table: "PushCampaign");
        }
    }
}
