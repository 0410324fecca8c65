# One image for every Lethe service; docker-compose.yml picks the service with the command.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true package -pl app -am

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/lethe
COPY --from=build /src/app/target/lethe-app.jar ./lethe-app.jar
COPY --from=build /src/app/target/lib ./lib
ENTRYPOINT ["java", "-jar", "/opt/lethe/lethe-app.jar"]
