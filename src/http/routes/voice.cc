// The lobby's voice (/api/v1/queue/announcements, /api/v1/queue/voice-clips; issue 20 item
// 5): announcements as WAV for the display, and an admin's recorded clips
// (service/announcer.h).

#include "http/routes.h"

namespace huji::http {

namespace {

nlohmann::json clip_json(const service::VoiceClip& c) {
  return {{"lang", c.lang},
          {"phrase", c.phrase},
          {"bytes", c.bytes},
          {"uploaded_by", c.uploaded_by},
          {"uploaded_at_ms", c.uploaded_ms}};
}

Response wav_response(std::string bytes) {
  Response r = Response::ok({});
  r.raw = std::make_pair(std::string("audio/wav"), std::move(bytes));
  return r;
}

}  // namespace

void add_voice_routes(Routes& r, Services& s) {
  // {file} is "<counter>.wav".
  r.get("/api/v1/queue/announcements/{lang}/{number:int}/{file}",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(Query query, q.query());
          HUJI_ASSIGN_OR_RETURN(std::string office, s.queue->public_office(query.text("office")));
          const std::string file = q.path("file");
          const std::string number = q.path("number");
          constexpr std::string_view kExt = ".wav";
          if (!file.ends_with(kExt) || number.size() > 4) {
            return core::Error::invalid("voice.announcement", "網址須為 …/{語言}/{號碼}/{櫃台}.wav",
                                        "the path is …/{lang}/{number}/{counter}.wav");
          }
          HUJI_ASSIGN_OR_RETURN(auto wav, s.announcer->announcement(
                                              office, q.path("lang"), to_int(number).value_or(0),
                                              file.substr(0, file.size() - kExt.size())));
          return wav_response(*wav);
        },
        {.anonymous = true});
  r.get("/api/v1/queue/voice-clips", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(Query query, q.query());
    HUJI_ASSIGN_OR_RETURN(auto clips, s.announcer->clips(actor, query.text("lang")));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : clips) arr.push_back(clip_json(c));
    return Response::ok({{"clips", std::move(arr)}});
  });
  r.get("/api/v1/queue/voice-clips/{lang}/{phrase}", [&s](Request& q) -> Answer {
    HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
    HUJI_ASSIGN_OR_RETURN(auto clip, s.announcer->clip(actor, q.path("lang"), q.path("phrase")));
    return wav_response(std::move(clip.wav));
  });
  r.put("/api/v1/queue/voice-clips/{lang}/{phrase}",
        [&s](Request& q) -> Answer {
          HUJI_ASSIGN_OR_RETURN(auto actor, q.actor());
          HUJI_TRY(s.announcer->put_clip(actor, q.path("lang"), q.path("phrase"),
                                         std::string(q.raw_body())));
          return Response::no_content();
        },
        {.body_limit = service::Announcer::kMaxClipBytes});
  r.deferred(Method::kDelete, "/api/v1/queue/voice-clips/{lang}/{phrase}",
             [&s](Request& q, const Respond& respond) {
               auto actor = q.actor();
               if (!actor.ok()) return respond(actor.error());
               auto done = s.announcer->delete_clip(*actor, q.path("lang"), q.path("phrase"));
               if (!done.ok()) return respond(done.error());
               respond(Response::no_content());
             });
}

}  // namespace huji::http
