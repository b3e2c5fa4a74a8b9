#include "domain/notify/agency.h"

#include <gtest/gtest.h>

namespace huji::domain::notify {
namespace {

Agency land() {
  Agency a;
  a.code = "land_daan";
  a.group = "land";
  a.name_zh = "大安地政事務所";
  a.name_en = "Da'an Land Office";
  a.url = "https://land.example.gov.tw/hook";
  a.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  a.types = {"move_in", "address_change", "name_change"};
  a.fields = {"id_number", "address"};
  return a;
}

TEST(Agency, AValidConfigurationPasses) {
  EXPECT_TRUE(validate(land()).ok());
  Agency file = land();
  file.channel = Channel::kFileDrop;
  file.url = "/var/spool/huji/land";
  EXPECT_TRUE(validate(file).ok());
}

TEST(Agency, EachBadPartIsNamed) {
  auto code_of = [](const Agency& a) { return validate(a).error().code; };
  Agency a = land();
  a.code = "Land";
  EXPECT_EQ(code_of(a), "agency.code");
  a = land();
  a.url = "ftp://x";
  EXPECT_EQ(code_of(a), "agency.url");
  a = land();
  a.channel = Channel::kFileDrop;  // a drop directory must be absolute
  a.url = "spool";
  EXPECT_EQ(code_of(a), "agency.url");
  a = land();
  a.url = "https://user:pass@land.example.gov.tw/hook";  // shown to every staff member
  EXPECT_EQ(code_of(a), "agency.url");
  a = land();
  a.channel = Channel::kFileDrop;
  a.url = "/var/spool/huji/../../root/.ssh";
  EXPECT_EQ(code_of(a), "agency.url");
  a = land();
  a.url = "https://land.example.gov.tw/hook?x=a@b";  // an @ after the host is no user name
  EXPECT_TRUE(validate(a).ok());
  a = land();
  a.secret = "whsec_short";
  EXPECT_EQ(code_of(a), "agency.secret");
  a = land();
  a.secret = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  EXPECT_EQ(code_of(a), "agency.secret");
  a = land();
  a.types = {"revocation"};  // revocations follow the registration they revoke
  EXPECT_EQ(code_of(a), "agency.types");
  a = land();
  a.fields = {"password"};
  EXPECT_EQ(code_of(a), "agency.fields");
  a = land();
  a.name_en = "";
  EXPECT_EQ(code_of(a), "agency.name");
}

TEST(Agency, MinimisationKeepsOnlyTheAgencysFields) {
  const std::map<std::string, std::string> all = {{"id_number", "A123456789"},
                                                  {"name", "王小明"},
                                                  {"spouse_name", "林美華"},
                                                  {"address", "臺北市大安區"}};
  EXPECT_EQ(minimise(land(), all), (std::map<std::string, std::string>{
                                       {"address", "臺北市大安區"}, {"id_number", "A123456789"}}));
}

TEST(Agency, NotifiableTypesAreTheSeedsList) {
  EXPECT_TRUE(is_notifiable("move_in"));
  EXPECT_TRUE(is_notifiable("birth"));
  EXPECT_TRUE(is_notifiable("marriage"));
  EXPECT_FALSE(is_notifiable("ex_officio_move_in"));  // seed 002: 不含逕為遷入
  EXPECT_FALSE(is_notifiable("move_out"));
  EXPECT_EQ(land().count_group(), "land");
  Agency tax = land();
  tax.group = "";
  EXPECT_EQ(tax.count_group(), "land_daan");
}

}  // namespace
}  // namespace huji::domain::notify
