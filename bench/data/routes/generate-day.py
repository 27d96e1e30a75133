# A 30-stop rep's day around Hangzhou (stops form of `npm run route`), built around a random reference order so a
# feasible plan is known: travel = great-circle x 1.3 / 35 km/h (the default model), 10 min per visit, windows of
# up to 2 h placed around the reference arrival times and rounded outwards to 5 minutes.
import json, math, random
R = 6371008.8
def hav(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0]); dp = p2 - p1; dl = math.radians(b[1] - a[1])
    h = math.sin(dp/2)**2 + math.cos(p1)*math.cos(p2)*math.sin(dl/2)**2
    return 2*R*math.asin(math.sqrt(h))
rnd = random.Random(30)
start = (30.2741, 120.1551)
pts = [(start[0] + rnd.uniform(-0.035, 0.035), start[1] + rnd.uniform(-0.04, 0.04)) for _ in range(30)]
order = list(range(30)); rnd.shuffle(order)
t = 8 * 60; prev = start; stops = [None] * 30
for i in order:
    t += hav(prev, pts[i]) * 1.3 / 1000 / 35 * 60
    lo = 5 * math.floor((t - rnd.uniform(0, 60)) / 5); hi = 5 * math.ceil((t + rnd.uniform(0, 60)) / 5)
    hm = lambda m: f"{int(m)//60:02d}:{int(m)%60:02d}"
    stops[i] = {"id": f"S{i+1:02d}", "name": f"客户{i+1:02d}", "lat": round(pts[i][0], 6), "lng": round(pts[i][1], 6),
                "window": [hm(lo), hm(hi)], "serviceMin": 10}
    t = max(t, lo) + 10; prev = pts[i]
json.dump({"stops": stops, "start": {"lat": start[0], "lng": start[1], "name": "办公室"}, "departAt": "08:00",
           "reference": {"order": [f"S{i+1:02d}" for i in order]}}, open("day30-hangzhou.json", "w"), ensure_ascii=False, indent=1)
